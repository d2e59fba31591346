/** A large arXiv listing page (the real `dl#articles > dt/dd` markup) for the in-browser bench. */
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function arxivListingPage(titles: readonly string[]): string {
  const items = titles
    .map(
      (title, i) => `<dt><a name='item${i + 1}'>[${i + 1}]</a> <a href="/abs/2510.${String(10000 + i)}" title="Abstract">arXiv:2510.${10000 + i}</a></dt>
<dd><div class='meta'><div class='list-title mathjax'><span class='descriptor'>Title:</span>
  ${escape(title)}
</div><div class='list-authors'><a href="/a/x_1">A. Author</a>, <a href="/a/y_1">B. Author</a></div>
<div class='list-subjects'><span class='descriptor'>Subjects:</span> <span class="primary-subject">Machine Learning (cs.LG)</span></div></div></dd>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Machine Learning authors/titles recent submissions</title></head>
<body><div id="content"><h1>Machine Learning</h1><h3>Showing ${titles.length} entries</h3><dl id='articles'>
${items}
</dl></div></body></html>`;
}
