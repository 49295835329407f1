/**
 * A format menu and the button that exports in it: the same pair wherever papers can be exported
 * (the shown list, the bulk selection, one topic, all topics).
 */
import { useState } from 'preact/hooks';
import { PAPER_EXPORT_FORMATS, type PaperExportFormat } from '../lib/views/files';
import { formatLabel } from './formats';

export type ExportPickerProps = {
  /** Accessible name of the format menu. */
  formatLabel: string;
  buttonText: string;
  /** Accessible name of the button when its text alone is ambiguous (one button per topic). */
  buttonLabel?: string;
  initial?: PaperExportFormat;
  disabled: boolean;
  class?: string;
  onExport(format: PaperExportFormat): void;
};

export function ExportPicker(props: ExportPickerProps) {
  const [format, setFormat] = useState<PaperExportFormat>(props.initial ?? 'bibtex');
  return (
    <span class={`inline ${props.class ?? ''}`.trim()}>
      <select
        value={format}
        aria-label={props.formatLabel}
        onChange={(e) => setFormat((e.currentTarget as HTMLSelectElement).value as PaperExportFormat)}
      >
        {PAPER_EXPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {formatLabel(f)}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={props.disabled}
        aria-label={props.buttonLabel}
        onClick={() => props.onExport(format)}
      >
        {props.buttonText}
      </button>
    </span>
  );
}
