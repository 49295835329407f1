// Handmade stand-in for arXiv's /static/browse/…/mathjaxToggle.min.js, which the saved listings call but which was
// not saved with them: it loads MathJax 2 with the configuration arXiv's pages declare (see the search page's
// text/x-mathjax-config), so that tests/e2e/mathjax.e2e.ts can let the real library typeset a saved listing.
window.mathjaxToggle = () => {
  const config = document.createElement('script');
  config.type = 'text/x-mathjax-config';
  config.text =
    'MathJax.Hub.Config({messageStyle:"none",extensions:["tex2jax.js"],jax:["input/TeX","output/HTML-CSS"],' +
    'tex2jax:{inlineMath:[["$","$"],["\\\\(","\\\\)"]],displayMath:[["$$","$$"],["\\\\[","\\\\]"]],' +
    'processEscapes:true,ignoreClass:".*",processClass:"mathjax.*"},' +
    'TeX:{extensions:["AMSmath.js","AMSsymbols.js","noErrors.js"]},"HTML-CSS":{availableFonts:["TeX"]}});';
  document.head.append(config);
  const script = document.createElement('script');
  script.src = 'https://static.arxiv.org/MathJax-2.7.3/MathJax.js';
  document.head.append(script);
};
