import { useMemo } from 'preact/hooks';
import type { HomonymHint } from '../../matching/homonyms';
import type { ClusterView } from '../../messaging/protocol';
import { formatNumber, plural, t } from '../../i18n/t';
import { coAuthorGraph, estimatedWidth, papersPerYear, placeLabels, type GraphNode, type TextWidth } from './pictures';

const SIZE = { width: 560, height: 340 };
const MAX_COAUTHORS = 24;
/** Per homonym group: a colour (lens.css `.node.group-N`, checked for contrast there) and a dash pattern, so the picture reads without colour. */
const GROUP_DASHES = ['', '5 3', '2 2', '8 3 2 3'];
const groupStyle = (group: number) => ({ className: `group-${group % GROUP_DASHES.length}`, dash: GROUP_DASHES[group % GROUP_DASHES.length]! });
/** Labels are cut to fit the picture; the full name is in the node's tooltip and in the list below. */
const label = (name: string) => (name.length > 26 ? `${name.slice(0, 25)}…` : name);
const radiusOf = (node: GraphNode) => (node.centre ? 14 : 5 + Math.min(8, node.papers * 2));

/** Label widths as this browser's fonts draw them (the page's font family on a canvas), or the estimate where there is no canvas. */
function measuredWidth(doc: Document): TextWidth {
  const context = doc.createElement('canvas').getContext?.('2d');
  if (!context) return estimatedWidth;
  const family = getComputedStyle(doc.documentElement).fontFamily;
  return (text, font, bold) => {
    context.font = `${bold ? 700 : 400} ${font}px ${family}`;
    return context.measureText(text).width * 1.05; // a little slack for the halo
  };
}

/** The co-author graph and papers per year by venue (cluster page only: the popup is too small). */
export function ClusterPictures({ cluster, hint }: { cluster: ClusterView; hint: HomonymHint }) {
  const split = hint.groups.length > 1;
  const graph = useMemo(() => coAuthorGraph(cluster.name, cluster.papers, hint, SIZE, MAX_COAUTHORS), [cluster, hint]);
  // Labels never cross each other or a node: one that finds no free place is left out (its name is in the node's tooltip).
  const labels = useMemo(
    () => placeLabels(graph.nodes, (n) => (split && !n.centre ? `${label(n.name)} (${t('pictures_groupTag', n.group + 1)})` : label(n.name)), radiusOf, SIZE, measuredWidth(document)),
    [graph, split],
  );
  const years = useMemo(() => papersPerYear(cluster.papers), [cluster]);
  const maxTotal = Math.max(1, ...years.map((y) => y.total));
  return (
    <section class="pictures" aria-label={t('pictures_label')}>
      <figure class="graph">
        <svg viewBox={`0 0 ${SIZE.width} ${SIZE.height}`} role="img" aria-labelledby="graph-caption">
          {graph.links.map((l) => (
            <line
              key={`${l.source.id}|${l.target.id}`}
              x1={l.source.x}
              y1={l.source.y}
              x2={l.target.x}
              y2={l.target.y}
              class={l.source.centre ? 'edge edge-centre' : 'edge'}
              stroke-width={Math.min(6, 0.8 + l.weight)}
            />
          ))}
          {graph.nodes.map((n) => {
            const style = groupStyle(n.group);
            return (
              <g key={n.id} transform={`translate(${n.x} ${n.y})`}>
                <circle
                  r={radiusOf(n)}
                  class={n.centre ? 'node node-centre' : `node ${style.className}`}
                  stroke-dasharray={n.centre ? undefined : style.dash || undefined}
                />
                <title>{n.centre ? t('pictures_centreTitle', n.name, plural('papers', n.papers)) : plural('pictures_nodeTitle', n.papers, n.name, cluster.name)}</title>
              </g>
            );
          })}
          {labels.map(
            (l, i) =>
              l && (
                <text key={graph.nodes[i]!.id} x={l.x} y={l.y} text-anchor={l.anchor} class={graph.nodes[i]!.centre ? 'label label-centre' : 'label'}>
                  {l.text}
                </text>
              ),
          )}
        </svg>
        <figcaption id="graph-caption">
          {split ? t('pictures_captionGroups', cluster.name, MAX_COAUTHORS) : t('pictures_caption', cluster.name, MAX_COAUTHORS)}
        </figcaption>
      </figure>
      <figure class="years">
        <table class="year-bars">
          <caption>{t('pictures_yearsCaption')}</caption>
          <tbody>
            {years.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                <td>
                  <span class="bar" style={{ width: `${(y.total / maxTotal) * 100}%` }} aria-hidden="true" />
                  <span class="bar-label">
                    {formatNumber(y.total)} · {y.venues.map((v) => `${v.venue} ${formatNumber(v.count)}`).join(', ')}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </figure>
    </section>
  );
}
