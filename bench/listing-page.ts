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

/**
 * An OpenReview search/venue note list as openreview-web renders it (NoteList → Note: the title
 * links `/forum?id=`, the PDF `/attachment?id=…&name=pdf`), one entry per forum id and shown title.
 */
export function openreviewListingPage(entries: readonly { forum: string; title: string }[]): string {
  const items = entries
    .map(
      ({ forum, title }) => `<li>
  <div class="note  undefined">
    <h4><a href="/forum?id=${escape(forum)}">${escape(title)}</a><a class="pdf-link" title="Download PDF" target="_blank" href="/attachment?id=${escape(forum)}&amp;name=pdf"><img src="/images/pdf_icon_blue.svg" alt="pdf icon"></a></h4>
    <div class="note-authors"><span><a href="/profile?id=~A_Author1">A. Author</a>, <a href="/profile?id=~B_Author1">B. Author</a></span></div>
    <ul class="note-meta-info list-inline"><li>Published: 22 Jan 2025</li><li class="readers">Readers: Everyone</li></ul>
  </div>
</li>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Search | OpenReview</title></head>
<body><div id="content"><div class="search-results"><ul class="list-unstyled submissions-list">
${items}
</ul></div></div></body></html>`;
}
