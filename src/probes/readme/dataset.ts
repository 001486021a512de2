import type { Evidence, ProbeResult } from '../../types.js';
import { hostOf, prose, sectionsMatching, snippet, urls, type Block, type ReadmeView } from './_shared/blocks.js';
import { result, ev, findIn, sectionLabel } from './_shared/result.js';
import { Type } from '@sinclair/typebox';
import { defineProbe } from '../types.js';
import { README_GLOBS, onReadme } from './_shared/load.js';

const DATA_HEADING =
  /(?<![\p{L}\p{N}_])(data(set)?s?|data ?sets?|corpus|corpora|data sources?|sources? of data|datos|dados|donn[ée]es|conjunto de dados|conjunto de datos|fuentes? de datos|base de dados|jeux? de donn[ée]es|daten|datensatz|datens[äa]tze|datenquellen?|datengrundlage|datenbasis|данные|данных|датасеты?|набор данных|veri( seti| k[üu]mesi)?|veriler|kumpulan data|d[ữu] li[ệe]u|b[ộo] d[ữu] li[ệe]u|dane|zbi[óo]r danych|dati|set di dati)(?![\p{L}\p{N}_])|数据|數據|資料|资料|データ|데이터/iu;
const NAMED_SOURCE =
  /\b(kaggle|uci|uc irvine|hugging ?face|huggingface|data\.gov|open data|open[- ]source data|government|ministry|bureau|census|world bank|cdc|nasa|noaa|eurostat|oecd|imf|fred|yahoo finance|yfinance|alpha vantage|openml|zenodo|figshare|physionet|mimic|google dataset search|aws open data|tensorflow datasets|tfds|torchvision\.datasets|sklearn\.datasets|movielens|imagenet|coco|cifar(-?10|-?100)?|mnist|squad|glue|common crawl|gymnasium|openai gym|pettingzoo|mujoco|arcade learning environment|ml-agents|wikipedia|twitter api|reddit|pushshift|scraped|scraping|crawled|collected|survey|api|open-meteo|statistics|portal|github)\b/i;
/** Source words that only count next to the word "data" (they have other meanings). */
const WEAK_SOURCE = /^(api|github|statistics|survey|portal|collected|scraped|scraping|crawled|government|ministry|bureau|reddit|wikipedia)$/i;
const DATA_SOURCE_HOSTS =
  /(^|\.)(kaggle\.com|archive\.ics\.uci\.edu|huggingface\.co|data\.gov(\.\w+)?|data\.world|openml\.org|zenodo\.org|figshare\.com|physionet\.org|datahub\.io|data\.europa\.eu|data\.gov\.uk|ourworldindata\.org|worldbank\.org|census\.gov|kaggleusercontent\.com|drive\.google\.com|dropbox\.com|raw\.githubusercontent\.com|s3\.amazonaws\.com|paperswithcode\.com|gymnasium\.farama\.org|pettingzoo\.farama\.org|tensorflow\.org|pytorch\.org|grouplens\.org|image-net\.org|cocodataset\.org)$/i;
const DATA_SIZE =
  /(?<![\d,.])\b\d[\d,.]*\s*(k|m|million|thousand|billion)?\+?\s*(rows|records|samples|examples|instances|observations|entries|data ?points|images|photos|pictures|videos|documents|tweets|reviews|sentences|articles|comments|columns|features|attributes|variables|fields|classes|categories|labels|patients|transactions|customers|users|files|hours|clips|frames|tokens|words|texts|emails|messages|episodes|env(?:ironment)? steps|timesteps|transitions|listings|houses|properties|passengers|products|rows x|x \d+)\b|\b\d+(\.\d+)?\s*(gb|mb|kb|tb)\b|(?<![\d,])\b\d[\d,]*\s*[x×]\s*\d[\d,]*\b|(?<![\d,.])\b\d[\d,.]*\s?(filas|registros|muestras|im[áa]genes|columnas|clientes|pacientes|usuarios|linhas|amostras|imagens|colunas|lignes|enregistrements|[ée]chantillons|colonnes|clients|patients|utilisateurs|zeilen|datens[äa]tze|eintr[äa]ge|bilder|beispiele|spalten|merkmale|kunden|patienten|nutzer|строк[аи]?|записей|примеров|изображений|объектов|столб(?:ец|ца|цов)|колон(?:ка|ки|ок)|признак(?:а|ов)?|клиент(?:а|ов)?|пациент(?:а|ов)?)(?![\p{L}\p{N}_])|(?<![\d,.])\d[\d,.]*\s?(万|千)?\s?(条|條|张|張|行|列|件|枚|名|人|개|건|장|행|열|명|만)/giu;

function dataset(view: ReadmeView): ProbeResult {
  const sections = sectionsMatching(view, DATA_HEADING);
  const evidence: Evidence[] = [];
  const allUrls = urls(view);
  const scopeBlocks: Block[] = sections.length ? sections.flatMap((s) => [s.head, ...s.blocks]) : view.blocks;
  const scopeSet = new Set(scopeBlocks.map((b) => b.index));
  let heading = 0;
  if (sections.length) {
    heading = 0.3;
    evidence.push(ev(view, sections[0]!.head.line, `${sectionLabel(sections[0]!)}`));
  }
  // Source: a link or a named source, inside the data section (or anywhere when there is none).
  let source = 0;
  const link = allUrls.find((u) => scopeSet.has(u.block.index) && u.kind !== 'image' && u.kind !== 'html-image' && hostOf(u.url) && !/shields\.io|badge/i.test(u.url));
  const sourceLink = allUrls.find((u) => hostOf(u.url) && DATA_SOURCE_HOSTS.test(hostOf(u.url)!) && !/shields\.io|badge/i.test(u.url) && (!sections.length || scopeSet.has(u.block.index) || /data/i.test(u.block.text)));
  const named = findIn(view, prose(scopeBlocks).concat(scopeBlocks.filter((b) => b.kind === 'heading')), NAMED_SOURCE).find((h) => !WEAK_SOURCE.test(h.match) || /\bdata/i.test(h.block.text));
  if (sourceLink) {
    source = 0.4;
    evidence.push(ev(view, sourceLink.line, `data source link: ${snippet(sourceLink.url, 80)}`));
  } else if (link && sections.length) {
    source = 0.4;
    evidence.push(ev(view, link.line, `link in the data section: ${snippet(link.url, 80)}`));
  } else if (named) {
    source = 0.3;
    evidence.push(ev(view, named.line, `named data source: "${snippet(named.match, 40)}" (add a link)`, true));
  }
  // Without a Data heading, a sentence that names the dataset and its source counts as the description.
  if (!heading && source) {
    const mention = findIn(view, prose(view.blocks), /\b(data ?set|data source|data from|data (was|were) (collected|obtained|downloaded|scraped))\b/i)[0];
    if (mention) {
      heading = 0.3;
      evidence.push(ev(view, mention.line, `dataset described in the text: "${snippet(mention.block.text, 60)}"`));
    }
  }
  // Size / columns.
  let size = 0;
  const sizeHit = findIn(view, prose(scopeBlocks), DATA_SIZE)[0];
  if (sizeHit) {
    size = 0.3;
    evidence.push(ev(view, sizeHit.line, `size or shape: "${snippet(sizeHit.match, 40)}"`));
  } else if (sections.length) {
    const listy = sections.some((s) => s.blocks.some((b) => b.kind === 'table') || s.blocks.filter((b) => b.kind === 'paragraph' && b.inList).length >= 3);
    if (listy) {
      size = 0.3;
      evidence.push(ev(view, sections[0]!.head.line, 'the data section lists its columns/fields'));
    }
  }
  const notes: string[] = [];
  if (!heading) notes.push('no Data/Dataset section');
  if (!source) notes.push('no data source (link or named origin)');
  if (!size) notes.push('no size or columns');
  return result(heading + source + size, evidence, notes.length ? notes.join('; ') : undefined);
}

const paramsSchema = Type.Object({}, { additionalProperties: false });


export const readmeDatasetProbe = defineProbe({
  name: 'readme-dataset',
  description: 'Does the README say where the data comes from (a named source or link) and how big it is?',
  paramsSchema,
  reads: () => README_GLOBS,
  run: (_params, ctx) => onReadme(ctx, dataset),
});
