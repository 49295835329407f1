/**
 * Words that carry no topic. General English function words, plus the boilerplate of abstracts
 * ("in this paper we propose…"), which otherwise dominates small libraries where max-df pruning cannot see it.
 * Compared before stemming, and again against the stem (so "proposes" → "propos" is caught by "propos").
 */
const ENGLISH = `a about above after again against all almost along already also although always am among an and
another any anyone anything are around as at be became because become becomes been before being below between both
but by can cannot could did do does doing done down due during each either else enough etc even ever every few for
from further had has have having he her here hers herself him himself his how however i if in into is it its itself
just least less let like made make makes many may me might more most mostly much must my myself neither no nor not
now of off often on once one only onto or other others otherwise our ours ourselves out over own per perhaps quite
rather really same several shall she should since so some such than that the their theirs them themselves then there
thereby therefore these they this those though through throughout thus to together too toward towards under until
up upon us very via was we well were what whatever when where whereas whether which while who whom whose why will
with within without would yet you your yours yourself yourselves`;

const ABSTRACT_BOILERPLATE = `paper papers propose proposes proposed propos present presents presented show shows shown
showed demonstrate demonstrates demonstrated introduce introduces introduced describe describes described discuss
discusses discussed study studies studied investigate investigates investigated consider considers considered obtain
obtains obtained provide provides provided give gives given result results resulting based using use uses used
approach approaches new novel first second third two three also further furthermore moreover respectively namely
particular particularly especially various different well known i.e e.g et al article letter note work works able
allow allows allowed achieve achieves achieved find finds found general generally various important importantly
significant significantly recent recently main mainly within terms case cases`;

export const STOP_WORDS: ReadonlySet<string> = new Set(
  `${ENGLISH} ${ABSTRACT_BOILERPLATE}`.split(/\s+/).filter((word) => word.length > 0),
);
