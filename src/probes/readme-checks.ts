/**
 * The README checks behind the `readme` probe's modes. Each takes the flattened README (readme-blocks.ts) and returns
 * a 0..1 score with evidence lines taken from mdast node positions.
 */
import type { Evidence, ProbeResult } from '../types.js';
import {
  countWords,
  hostOf,
  inlineCodes,
  lineAt,
  prose,
  proseWords,
  sectionsMatching,
  snippet,
  urls,
  type Block,
  type ReadmeView,
  type Section,
} from './readme-blocks.js';

const MAX_EVIDENCE = 5;

function result(score: number, evidence: Evidence[], note?: string): ProbeResult {
  const r: ProbeResult = { score: Math.max(0, Math.min(1, score)), evidence: evidence.slice(0, MAX_EVIDENCE) };
  if (note) r.note = note;
  return r;
}

function ev(view: ReadmeView, line: number, detail: string, problem = false): Evidence {
  return problem ? { path: view.doc.path, line, detail, problem: true } : { path: view.doc.path, line, detail };
}

/** Blocks that are only badges, images or links carry no prose. */
function isBadgeOrMediaOnly(b: Block): boolean {
  if (b.kind !== 'paragraph' || !b.node || b.node.type !== 'paragraph') return b.kind === 'html' && countWords(b.text) < 4;
  return b.node.children.every(
    (c) =>
      c.type === 'image' ||
      c.type === 'imageReference' ||
      c.type === 'break' ||
      c.type === 'html' ||
      (c.type === 'text' && /^[\s|·•-]*$/.test(c.value)) ||
      ((c.type === 'link' || c.type === 'linkReference') && c.children.every((k) => k.type === 'image' || k.type === 'imageReference' || (k.type === 'text' && !k.value.trim()))),
  );
}

/** Matches of `re` in the text of a list of blocks, with evidence lines. */
function findIn(view: ReadmeView, blocks: Block[], re: RegExp): Array<{ block: Block; line: number; match: string }> {
  const out: Array<{ block: Block; line: number; match: string }> = [];
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  for (const b of blocks) {
    for (const m of b.text.matchAll(g)) out.push({ block: b, line: lineAt(b, m.index), match: m[0] });
  }
  return out;
}

function sectionLabel(s: Section): string {
  return `section "${snippet(s.title, 50)}"`;
}

// ---------------------------------------------------------------- title-summary

export interface TitleSummaryParams {
  minWords?: number;
  maxWords?: number;
}

const PLACEHOLDER_TITLE = /^(project (title|name)|title|my project|untitled|readme|project|your project( name)?|name of (the )?project)$/i;

export function titleSummary(view: ReadmeView, p: TitleSummaryParams): ProbeResult {
  const minWords = p.minWords ?? 12;
  const maxWords = p.maxWords ?? 250;
  const evidence: Evidence[] = [];
  const first = view.headings[0];
  let titleScore = 0;
  let title: Block | undefined;
  if (first && PLACEHOLDER_TITLE.test(first.text.replace(/[^\p{L}\p{N} ]/gu, '').trim())) {
    titleScore = 0.1;
    title = first;
    evidence.push(ev(view, first.line, `placeholder title: "${snippet(first.text, 60)}" (use the project's name)`, true));
  } else if (first && (first.depth ?? 6) <= 2) {
    titleScore = 0.3;
    title = first;
    evidence.push(ev(view, first.line, `title: "${snippet(first.text, 60)}"`));
  } else if (first) {
    titleScore = 0.15;
    title = first;
    evidence.push(ev(view, first.line, `first heading is level ${first.depth}: "${snippet(first.text, 60)}" (use # for the title)`, true));
  }
  // The summary is the first prose paragraph near the top: before the first code block and within the first three
  // headings. Badge rows and image-only paragraphs are skipped.
  let summaryScore = 0;
  let headingsSeen = 0;
  let best: { block: Block; words: number } | undefined;
  for (const b of view.blocks) {
    if (b.kind === 'heading') {
      headingsSeen++;
      if (headingsSeen > 3) break;
      continue;
    }
    if (b.kind === 'code') break;
    if (b.kind === 'table' || isBadgeOrMediaOnly(b)) continue;
    const words = countWords(b.text);
    if (words === 0) continue;
    if (!best || (best.words < minWords && words > best.words)) best = { block: b, words };
    if (words >= minWords) break;
  }
  if (best) {
    if (best.words >= minWords && best.words <= maxWords) summaryScore = 0.7;
    else if (best.words > maxWords) summaryScore = 0.5;
    else if (best.words >= 5) summaryScore = 0.35;
    else summaryScore = 0.1;
    const fits = best.words >= minWords && best.words <= maxWords;
    evidence.push(ev(view, best.block.line, `opening paragraph, ${best.words} words: "${snippet(best.block.text, 70)}"`, !fits));
  }
  const notes: string[] = [];
  if (!title) notes.push('no heading to serve as the title');
  if (!best) notes.push('no opening paragraph that says what the project does');
  else if (best.words < minWords) notes.push(`the opening paragraph is short (${best.words} words; aim for ${minWords}-${maxWords})`);
  else if (best.words > maxWords) notes.push(`the opening paragraph is long (${best.words} words)`);
  return result(titleScore + summaryScore, evidence, notes.join('; ') || undefined);
}

// ---------------------------------------------------------------- problem

// Section headings are matched in English, Spanish, Portuguese, French, German, Russian (word boundaries by Unicode
// letter, since \b only knows ASCII) and Chinese, Japanese, Korean (no boundaries: CJK is written without spaces).
const PROBLEM_STRONG =
  /(?<![\p{L}\p{N}_])(problem|motivation|motivations|background|objectives?|goals?|aims?|purpose|business|use[- ]cases?|why|context|challenges?|task|the need|rationale|pain points?|problema|objetivos?|motiva(ção|cao|ción|cion)|contexto|contexte|probl[eè]me|probl[ée]matique|objectifs?|but du projet|enjeux|antecedentes|planteamiento|justifica(ción|cion|tiva)|prop[óo]sito|desaf[íi]os?|problemstellung|aufgabenstellung|zielsetzung|ziele?|hintergrund|kontext|herausforderungen?|zweck|проблема|проблемы|постановка задачи|задача|цель|цели|мотивация|предыстория|контекст|актуальность)(?![\p{L}\p{N}_])|背景|目标|目標|问题|問題|动机|動機|目的|痛点|挑战|課題|狙い|ねらい|モチベーション|배경|목표|문제|동기|목적|과제|필요성/iu;
const PROBLEM_WEAK =
  /(?<![\p{L}\p{N}_])(overview|introduction|intro|about|description|summary|abstract|project details?|introdu(ção|cao|cción|ccion)|sobre|descri(ção|cao|pción|pcion)|vis(ão|ao) geral|resumo|resumen|acerca de|pr[ée]sentation|aper[çc]u|[àa] propos|r[ée]sum[ée]|[üu]berblick|[üu]bersicht|einleitung|einf[üu]hrung|beschreibung|projektbeschreibung|zusammenfassung|[üu]ber das projekt|описание|обзор|введение|о проекте|аннотация)(?![\p{L}\p{N}_])|简介|簡介|介绍|介紹|概述|摘要|概要|はじめに|紹介|説明|소개|개요|설명|요약/iu;
const PROBLEM_WORDS =
  /(?<![\p{L}\p{N}_])(problems?|challenges?|goals?|aims? to|aimed at|objectives?|motivat\w*|help(s|ing)? \w+|so that|in order to|business\w*|customers?|clients?|stakeholders?|users?|reduc\w+|improv\w+|costs?|costly|risks?|revenue|loss(es)?|fraud\w*|churn\w*|early detection|decision[- ]making|decisions?|automat\w+|manual(ly)?|time[- ]consuming|expensive|impact\w*|crucial|critical|difficult|hard to|struggle\w*|need(s|ed)? to|enable\w*|support\w*|patients?|doctors?|farmers?|companies|organi[sz]ations?|retailers?|banks?|hospitals?|problemas?|probl[èe]mes?|objetivos?|objectifs?|clientes|pacientes|empresas|reducir|reduzir|r[ée]duire|mejorar|melhorar|am[ée]liorer|costos|custos|co[ûu]ts?|riesgos?|riscos?|risques?|probleme|ziele?|kunden|patienten|unternehmen|reduzieren|verbessern|kosten|risiken|проблем[а-яё]*|цель|клиент[а-яё]*|пациент[а-яё]*|снизить|улучшить|затрат[а-яё]*|риск[а-яё]*)(?![\p{L}\p{N}_])|问题|問題|目标|用户|客户|成本|降低|提高|风险|課題|目的|顧客|コスト|削減|改善|リスク|문제|목표|고객|사용자|비용|개선|절감|위험/giu;

/** A "Data background" or "Results and goals" heading is about data or results, not the problem. */
const NOT_PROBLEM =
  /(?<![\p{L}\p{N}_])(data|dataset|results?|install|usage|datos|dados|donn[ée]es|daten|datensatz|resultados|r[ée]sultats|ergebnisse|данные|датасет|результаты)(?![\p{L}\p{N}_])|数据|數據|データ|데이터|结果|結果|결과|安装|インストール|설치/iu;

export function problem(view: ReadmeView, p: { minWords?: number }): ProbeResult {
  const minWords = p.minWords ?? 15;
  let best = 0;
  const evidence: Evidence[] = [];
  let note: string | undefined;
  for (const s of view.sections) {
    if (s.depth > 6) continue;
    const strong = PROBLEM_STRONG.test(s.title) && !NOT_PROBLEM.test(s.title);
    const weak = !strong && PROBLEM_WEAK.test(s.title);
    if (!strong && !weak) continue;
    const words = proseWords(s.blocks.filter((b) => b.kind !== 'heading'));
    const problemWords = new Set(findIn(view, prose(s.blocks), PROBLEM_WORDS).map((m) => m.match.toLowerCase()));
    let score: number;
    if (strong) score = words >= minWords ? 1 : words > 0 ? 0.5 : 0.3;
    else score = words >= minWords ? (problemWords.size >= 1 ? 1 : 0.6) : words > 0 ? 0.4 : 0.2;
    if (score > best) {
      best = score;
      evidence.unshift(
        ev(
          view,
          s.head.line,
          `${sectionLabel(s)}: ${words} words${problemWords.size ? `, problem words: ${[...problemWords].slice(0, 4).join(', ')}` : ''}`,
        ),
      );
    }
  }
  if (best < 1) {
    // No motivation section: an intro that states the problem in words still counts for part.
    const intro: Block[] = [];
    let headingsSeen = 0;
    for (const b of view.blocks) {
      if (b.kind === 'heading' && ++headingsSeen > 2) break;
      if (b.kind === 'paragraph' || b.kind === 'html') intro.push(b);
      if (intro.length >= 4) break;
    }
    const hits = findIn(view, intro, PROBLEM_WORDS);
    const distinct = new Set(hits.map((h) => h.match.toLowerCase()));
    const s = distinct.size >= 3 ? 0.7 : distinct.size === 2 ? 0.5 : distinct.size === 1 ? 0.3 : 0;
    if (s > best) {
      best = s;
      evidence.unshift(ev(view, hits[0]!.line, `intro states the problem in words: ${[...distinct].slice(0, 5).join(', ')}`));
      note = 'no Problem/Motivation section; the intro carries the problem statement';
    }
  }
  if (best === 0) note = 'no problem statement or motivation found';
  return result(best, evidence, note);
}

// ---------------------------------------------------------------- setup & usage

const SETUP_HEADING =
  /(?<![\p{L}\p{N}_])(install(ation|ing)?|set ?up|set-up|getting started|get started|prerequisites?|requirements|dependencies|quick ?start|how to (run|install|start|reproduce)|run(ning)? (it )?locally|local (setup|development)|reproduc\w+|instala(ção|cao|ción|cion)|configura(ção|cao|ción|cion)|pré-requisitos|requisitos|requisitos previos|dependencias|dependências|c[óo]mo instalar|puesta en marcha|primeros pasos|primeiros passos|configuration|pr[ée]-?requis|d[ée]pendances|mise en place|d[ée]marrage rapide|einrichtung|voraussetzungen|abh[äa]ngigkeiten|anforderungen|schnellstart|erste schritte|установка|настройка|требования|зависимости|быстрый старт|как установить)(?![\p{L}\p{N}_])|安装|安裝|环境|環境|依赖|依賴|快速开始|快速上手|配置|インストール|セットアップ|環境構築|必要条件|依存関係|導入|설치|환경|설정|요구 ?사항|의존성|시작하기/iu;
const SETUP_CMD: RegExp[] = [
  /\bpip3?\s+install\b/i,
  /\bpython[\d.]*\s+-m\s+(pip\s+install|venv)\b/i,
  /\b(conda|mamba|micromamba)\s+(env\s+(create|update)|create|install|activate)\b/i,
  /\bpoetry\s+(install|add|shell|sync)\b/i,
  /\bpipenv\s+(install|shell|sync)\b/i,
  /\buv\s+(sync|pip\s+install|venv|add)\b/i,
  /\b(pdm|hatch|pixi)\s+(install|env|run|sync)\b/i,
  /\bdocker(\s+compose|-compose)\s+(up|build|pull)\b/i,
  /\bdocker\s+(build|pull)\b/i,
  /\bgit\s+clone\b/i,
  /(^|\s)make\s+(install|setup|env|init|deps|dependencies|requirements|venv|build|bootstrap|dev|dev-up|up|environment|conda|docker)\b/i,
  /\bvirtualenv\b/i,
  /\bsource\s+\S*activate\b/i,
  /\\Scripts\\activate/i,
  /\b(npm|yarn|pnpm)\s+(install|ci|i)\b/i,
  /\b(apt|apt-get|brew|choco)\s+install\b/i,
  /\binstall\.packages\(/i,
  /\bdvc\s+(pull|fetch)\b/i,
  /\bkaggle\s+(datasets|competitions)\s+download\b/i,
];
const USAGE_HEADING =
  /(?<![\p{L}\p{N}_])(usage|how to (run|use)|running|run (the|it|locally|this)|quick ?start|getting started|inference|demo|examples?|cli|command[- ]line|reproduc\w+|uso|utiliza(ção|cao|ción|cion)|c[oó]mo (usar|executar|ejecutar|rodar)|execu(ção|cao|ción|cion)|utilisation|modo de uso|ejemplos?|exemplos?|inferencia|ex[ée]cution|exemples?|comment (utiliser|lancer|ex[ée]cuter)|d[ée]marrage rapide|verwendung|nutzung|benutzung|anwendung|ausf[üu]hrung|beispiele?|schnellstart|erste schritte|использование|запуск|примеры?|применение|как запустить|как использовать)(?![\p{L}\p{N}_])|使用|用法|运行|運行|示例|快速开始|推理|演示|使い方|使用方法|実行|利用方法|使用例|推論|クイックスタート|デモ|사용법|사용 방법|실행|예제|추론|데모/iu;
const USAGE_SNIPPET_HEADING =
  /(?<![\p{L}\p{N}_])(usage|how to use|examples?|quick ?start|getting started|inference|predict(ion|ing)?s?|api|demo|uso|utiliza(ção|cao|ción|cion)|utilisation|ejemplos?|exemplos?|exemples?|verwendung|nutzung|beispiele?|использование|примеры?)(?![\p{L}\p{N}_])|使用|用法|示例|推理|演示|使い方|使用方法|使用例|推論|デモ|사용법|예제|추론|데모/iu;
const USAGE_CMD: RegExp[] = [
  // `py` is the Windows launcher only as a word of its own: `mv app.py main.py` is not `py main.py`
  /(?:\bpython[\d.]*|(?<![\w.])py)\s+(-[a-zA-Z]\s+)*(-m\s+(?!(pip|venv|virtualenv|ensurepip|pytest|unittest|black|flake8|isort|mypy|ruff|pylint|spacy|nltk|ipykernel|build|twine)\b)[\w.]+|[\w./\\-]+\.py)\b/i,
  /\bstreamlit\s+run\b/i,
  /\b(uvicorn|gunicorn|hypercorn)\s+[\w.]+:[\w]+/i,
  /\bflask\s+(--app\s+\S+\s+)?run\b/i,
  /\bfastapi\s+(run|dev)\b/i,
  /\bgradio\s+\S+\.py\b/i,
  /\bdocker\s+run\b/i,
  /\bdocker(\s+compose|-compose)\s+up\b/i,
  /\bcurl\s+\S+/i,
  /\bhttp(ie)?\s+(POST|GET|PUT)\b/,
  /\bjupyter\s+(notebook|lab|nbconvert|execute)\b/i,
  /\b(voila|papermill)\s+\S+/i,
  /(^|\s)make\s+(run|train|predict|serve|app|evaluate|eval|demo|all|pipeline|inference|start|api|dashboard)\b/i,
  /\b(bash|sh)\s+[\w./-]+\.sh\b/i,
  /(^|\s)\.\/[\w./-]+\.(sh|py)\b/i,
  /\bmlflow\s+(run|ui|models\s+serve)\b/i,
  /\b(dvc\s+repro|kedro\s+run|zenml\s+pipeline\s+run|dagster\s+dev|prefect\s+deployment\s+run|airflow\s+(dags|tasks)\s+\w+)\b/i,
  /\bRscript\s+\S+/i,
  /\b(npm|yarn|pnpm)\s+(start|run\s+\w+)\b/i,
  /\bpoetry\s+run\s+\S+/i,
  /\buv\s+run\s+\S+/i,
];

interface CmdHit {
  /** 1: a command in a code block or a Python example; below 1 the hit is also what to fix (shown as a problem). */
  score: number;
  line: number;
  detail: string;
}

function commandHits(view: ReadmeView, patterns: RegExp[], what: string): CmdHit[] {
  const hits: CmdHit[] = [];
  const match = (text: string): RegExpExecArray | null => {
    for (const re of patterns) {
      const m = re.exec(text);
      if (m) return m;
    }
    return null;
  };
  for (const b of view.blocks) {
    if (b.kind === 'code') {
      const lines = b.text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        if (/[├└│]/.test(lines[i]!)) continue; // a project tree, not a command
        const m = match(lines[i]!);
        if (m) {
          hits.push({ score: 1, line: (b.contentLine ?? b.line) + i, detail: `${what} in a code block: \`${snippet(lines[i]!, 70)}\`` });
          break;
        }
      }
    } else if (b.kind === 'paragraph' || b.kind === 'html' || b.kind === 'table') {
      let inline = false;
      for (const ic of inlineCodes(b)) {
        if (match(ic.value)) {
          hits.push({ score: 0.75, line: ic.line, detail: `${what} in inline code: \`${snippet(ic.value, 70)}\`` });
          inline = true;
          break;
        }
      }
      if (inline) continue;
      const lines = b.text.split('\n');
      for (let i = 0, off = 0; i < lines.length; off += lines[i]!.length + 1, i++) {
        const t = lines[i]!.trim().replace(/^(\d+[.)]|[-*•])\s+/, '');
        // A command written as plain text (not in a code block) is runnable but easy to mistype.
        const m = match(t);
        if (m && (m.index <= 2 || /:\s*$/.test(t.slice(0, m.index)) || /\b(run|running|use|using|execute|executing|type|typing|with|via|command|enter)\s*:?\s*$/i.test(t.slice(0, m.index)))) {
          hits.push({ score: 0.6, line: lineAt(b, off), detail: `${what} as plain text (put it in a code block): "${snippet(t, 70)}"` });
          break;
        }
      }
    }
  }
  return hits;
}

function commandCheck(
  view: ReadmeView,
  opts: { patterns: RegExp[]; heading: RegExp; what: string; sectionWord: string; extra?: (sections: Section[]) => CmdHit[] },
): ProbeResult {
  const hits = commandHits(view, opts.patterns, opts.what);
  const sections = sectionsMatching(view, opts.heading);
  // A command inside the matching section is what a reader looks for first.
  const inSection = (line: number): boolean => sections.some((s) => line >= s.head.line && (s.blocks.length ? line <= lastLine(s) : false));
  if (opts.extra) hits.push(...opts.extra(sections));
  if (sections.length) {
    const s = sections[0]!;
    hits.push({ score: 0.3, line: s.head.line, detail: `${sectionLabel(s)} without a runnable command` });
  }
  if (!hits.length) return result(0, [], `no ${opts.sectionWord} section and no ${opts.what}`);
  hits.sort((a, b) => b.score - a.score || (inSection(b.line) ? 1 : 0) - (inSection(a.line) ? 1 : 0) || a.line - b.line);
  const top = hits[0]!;
  const evidence = hits.filter((h) => h.score >= top.score * 0.5 && !(h.score === 0.3 && top.score > 0.3)).map((h) => ev(view, h.line, h.detail, h.score < 1));
  let note: string | undefined;
  if (top.score < 1 && top.score >= 0.6) note = `${opts.what} found, but not in a fenced code block`;
  else if (top.score <= 0.3) note = `a ${opts.sectionWord} section but no runnable ${opts.what}`;
  return result(top.score, evidence, note);
}

function lastLine(s: Section): number {
  const b = s.blocks[s.blocks.length - 1];
  return b?.node?.position?.end.line ?? b?.line ?? s.head.line;
}

export function setup(view: ReadmeView): ProbeResult {
  return commandCheck(view, { patterns: SETUP_CMD, heading: SETUP_HEADING, what: 'install command', sectionWord: 'setup/installation' });
}

export function usage(view: ReadmeView): ProbeResult {
  return commandCheck(view, {
    patterns: USAGE_CMD,
    heading: USAGE_HEADING,
    what: 'run command',
    sectionWord: 'usage',
    extra() {
      const out: CmdHit[] = [];
      // A Python snippet under a Usage/Example heading shows how to call the model.
      for (const s of view.sections.filter((x) => USAGE_SNIPPET_HEADING.test(x.title))) {
        const code = s.blocks.find((b) => b.kind === 'code' && /^(py|python|python3|ipython|pycon)$/.test(b.lang ?? '') && /\w\(/.test(b.text));
        if (code) out.push({ score: 1, line: code.line, detail: `Python usage example under ${sectionLabel(s)}` });
      }
      // "Open notebooks/eda.ipynb": runnable by a reader, but only part of a how-to-run.
      for (const b of view.blocks) {
        if (b.kind === 'code' || b.kind === 'heading') continue;
        const m = /(?<![\w./-])[\w./-]+\.ipynb\b/i.exec(b.text);
        if (m) {
          out.push({ score: 0.4, line: lineAt(b, m.index), detail: `points to a notebook (${snippet(m[0], 50)}) but gives no command` });
          break;
        }
      }
      return out;
    },
  });
}

// ---------------------------------------------------------------- dataset

const DATA_HEADING =
  /(?<![\p{L}\p{N}_])(data(set)?s?|data ?sets?|corpus|corpora|data sources?|sources? of data|datos|dados|donn[ée]es|conjunto de dados|conjunto de datos|fuentes? de datos|base de dados|jeux? de donn[ée]es|daten|datensatz|datens[äa]tze|datenquellen?|datengrundlage|datenbasis|данные|данных|датасеты?|набор данных)(?![\p{L}\p{N}_])|数据|數據|資料|资料|データ|데이터/iu;
const NAMED_SOURCE =
  /\b(kaggle|uci|uc irvine|hugging ?face|huggingface|data\.gov|open data|open[- ]source data|government|ministry|bureau|census|world bank|cdc|nasa|noaa|eurostat|oecd|imf|fred|yahoo finance|yfinance|alpha vantage|openml|zenodo|figshare|physionet|mimic|google dataset search|aws open data|tensorflow datasets|tfds|torchvision\.datasets|sklearn\.datasets|movielens|imagenet|coco|cifar(-?10|-?100)?|mnist|squad|glue|common crawl|wikipedia|twitter api|reddit|pushshift|scraped|scraping|crawled|collected|survey|api|open-meteo|statistics|portal|github)\b/i;
/** Source words that only count next to the word "data" (they have other meanings). */
const WEAK_SOURCE = /^(api|github|statistics|survey|portal|collected|scraped|scraping|crawled|government|ministry|bureau|reddit|wikipedia)$/i;
const DATA_SOURCE_HOSTS =
  /(^|\.)(kaggle\.com|archive\.ics\.uci\.edu|huggingface\.co|data\.gov(\.\w+)?|data\.world|openml\.org|zenodo\.org|figshare\.com|physionet\.org|datahub\.io|data\.europa\.eu|data\.gov\.uk|ourworldindata\.org|worldbank\.org|census\.gov|kaggleusercontent\.com|drive\.google\.com|dropbox\.com|raw\.githubusercontent\.com|s3\.amazonaws\.com|paperswithcode\.com|tensorflow\.org|pytorch\.org|grouplens\.org|image-net\.org|cocodataset\.org)$/i;
const DATA_SIZE =
  /(?<![\d,.])\b\d[\d,.]*\s*(k|m|million|thousand|billion)?\+?\s*(rows|records|samples|examples|instances|observations|entries|data ?points|images|photos|pictures|videos|documents|tweets|reviews|sentences|articles|comments|columns|features|attributes|variables|fields|classes|categories|labels|patients|transactions|customers|users|files|hours|clips|frames|tokens|words|texts|emails|messages|listings|houses|properties|passengers|products|rows x|x \d+)\b|\b\d+(\.\d+)?\s*(gb|mb|kb|tb)\b|(?<![\d,])\b\d[\d,]*\s*[x×]\s*\d[\d,]*\b|(?<![\d,.])\b\d[\d,.]*\s?(filas|registros|muestras|im[áa]genes|linhas|amostras|imagens|lignes|enregistrements|[ée]chantillons|zeilen|datens[äa]tze|eintr[äa]ge|bilder|beispiele|строк|записей|примеров|изображений|объектов)(?![\p{L}\p{N}_])|(?<![\d,.])\d[\d,.]*\s?(万|千)?\s?(条|條|张|張|行|件|枚|개|건|장|행|만)/giu;

export function dataset(view: ReadmeView): ProbeResult {
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

// ---------------------------------------------------------------- results

const METRIC =
  /\b(accuracy|acc\.|balanced accuracy|f1[- ]?(score|macro|micro|weighted)?|f-?score|f-?measure|rmse|rmsle|mse|mae|mape|smape|r2|r²|r\^2|r-squared|r squared|coefficient of determination|auc|roc[- ]?auc|auroc|pr[- ]?auc|auprc|average precision|precision|recall|sensitivity|specificity|bleu|rouge(-[\dl]+)?|meteor|bertscore|iou|miou|dice|jaccard|perplexity|wer|cer|log[- ]?loss|cross[- ]entropy|loss|error rate|error|top-?[15]( accuracy)?|kappa|cohen'?s kappa|mcc|ndcg(@\d+)?|hit ?rate(@\d+)?|recall@\d+|precision@\d+|map@\d+|fid|psnr|ssim|exact match|leaderboard|score|gini|lift|sharpe( ratio)?|mean absolute error|mean squared error|root mean squared error|win rate|success rate|latency|throughput|acur[áa]cia|precis[ãa]o|precisi[óo]n|exactitud|exatid[ãa]o|pr[ée]cision)\b|\bmAP\b|\bMAP\b|\bAP50\b|\bAP\b|(?<![\p{L}\p{N}_])(genauigkeit|pr[äa]zision|trefferquote|fehlerrate|точность|полнота|ошибка)(?![\p{L}\p{N}_])|准确率|準確率|精确率|召回率|精度|正解率|適合率|再現率|误差|誤差|정확도|정밀도|재현율|오차/giu;
const NUMBER = /(?<![\w.])(?:\d{1,3}(?:\.\d+)?\s?%|\d*\.\d+(?:e-?\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+)(?![\w%]|\.\d)/g;
const RESULTS_HEADING =
  /(?<![\p{L}\p{N}_])(results?|performance|evaluation|metrics?|benchmarks?|findings|outcomes?|scores?|accuracy|leaderboard|model comparison|comparison|resultados|r[ée]sultats|desempenho|rendimiento|m[ée]tricas|evaluaci[óo]n|avalia(ção|cao)|performances|[ée]valuation|m[ée]triques|ergebnisse|resultate|auswertung|evaluierung|bewertung|leistung|metriken|результаты|результат|метрики|оценка|качество|сравнение моделей)(?![\p{L}\p{N}_])|结果|結果|评估|評估|评价|性能|指标|指標|效果|評価|精度|결과|성능|평가|지표/iu;

interface Pair {
  line: number;
  detail: string;
  table: boolean;
}

/** Metric names next to numbers (within 40 characters, or a table whose header names a metric). */
function metricPairs(view: ReadmeView, blocks: Block[]): Pair[] {
  const out: Pair[] = [];
  for (const b of blocks) {
    if (b.kind === 'code' || b.kind === 'heading') continue;
    const lines = b.text.split('\n');
    const isTable = b.kind === 'table' || lines.filter((l) => /\|/.test(l)).length >= 3;
    if (isTable) {
      // Header row names metrics, body rows hold numbers.
      const rows = lines.filter((l) => l.includes('|') && !/^[\s|:-]+$/.test(l));
      const header = rows[0] ?? '';
      const metricInHeader = [...header.matchAll(METRIC)].map((m) => m[0]);
      const numericRows = rows.slice(1).filter((r) => [...stripMetricText(r).matchAll(NUMBER)].length > 0);
      if (metricInHeader.length && numericRows.length) {
        out.push({ line: b.line, detail: `results table: ${metricInHeader.slice(0, 3).join(', ')} over ${numericRows.length} row(s)`, table: true });
        continue;
      }
    }
    const text = b.text;
    const metricSpans = [...text.matchAll(METRIC)].map((m) => ({ start: m.index, end: m.index + m[0].length, name: m[0] }));
    if (!metricSpans.length) continue;
    const numbers = [...text.matchAll(NUMBER)]
      .map((m) => ({ start: m.index, end: m.index + m[0].length, value: m[0] }))
      .filter((n) => !metricSpans.some((s) => n.start < s.end && n.end > s.start));
    for (const s of metricSpans) {
      const near = numbers.find((n) => {
        const plainInt = /^\d+$/.test(n.value) || /^\d{1,3}(,\d{3})+$/.test(n.value);
        // Integers only count right after the metric ("RMSE: 25,400"), not as list numbers or years.
        if (plainInt) return n.start >= s.end && n.start - s.end <= 12 && !/^(19|20)\d\d$/.test(n.value);
        return n.start >= s.end ? n.start - s.end <= 40 : s.start - n.end <= 40;
      });
      if (near) {
        out.push({ line: lineAt(b, Math.min(s.start, near.start)), detail: `${s.name} ${near.value}`, table: false });
        break;
      }
    }
  }
  return out;
}

function stripMetricText(s: string): string {
  return s.replace(METRIC, ' ');
}

export function results(view: ReadmeView): ProbeResult {
  const pairs = metricPairs(view, view.blocks);
  const sections = sectionsMatching(view, RESULTS_HEADING);
  const evidence: Evidence[] = pairs.map((p) => ev(view, p.line, p.detail));
  let score = 0;
  let note: string | undefined;
  const distinctLines = new Set(pairs.map((p) => p.line)).size;
  if (pairs.some((p) => p.table) || distinctLines >= 2) score = 1;
  else if (distinctLines === 1) {
    score = 0.8;
    note = 'one quantified result; a table comparing models or a baseline makes it convincing';
  } else if (sections.length) {
    const s = sections[0]!;
    const figure = sections.some((x) => x.blocks.some((b) => hasImage(b) || (b.node?.type === 'html' && /<img\b/i.test(b.node.value))));
    score = figure ? 0.5 : 0.3;
    evidence.push(ev(view, s.head.line, `${sectionLabel(s)} ${figure ? 'shows figures but' : ''} gives no metric with a number`.replace('  ', ' '), true));
    note = 'results are not quantified: name the metric and give the number';
  } else {
    const mentions = findIn(view, prose(view.blocks), METRIC);
    if (mentions.length) {
      score = 0.15;
      evidence.push(ev(view, mentions[0]!.line, `metric named without a number: "${snippet(mentions[0]!.match, 30)}"`, true));
      note = 'metrics are named but no numbers are given';
    } else note = 'no results: no metric with a number, no Results section';
  }
  return result(score, evidence, note);
}

function hasImage(b: Block): boolean {
  if (!b.node) return false;
  let found = false;
  const walk = (n: { type: string; children?: unknown[] }): void => {
    if (n.type === 'image' || n.type === 'imageReference') found = true;
    for (const c of (n.children ?? []) as Array<typeof n>) walk(c);
  };
  walk(b.node as never);
  return found;
}

// ---------------------------------------------------------------- demo-link

/** Hosts of deployed apps: the app lives on a subdomain (myapp.streamlit.app); the bare domain is the provider's site. */
const DEPLOY_HOSTS =
  /\.(hf\.space|streamlit\.app|streamlitapp\.com|herokuapp\.com|onrender\.com|vercel\.app|netlify\.app|railway\.app|fly\.dev|azurewebsites\.net|azurecontainerapps\.io|appspot\.com|run\.app|web\.app|firebaseapp\.com|pythonanywhere\.com|replit\.app|repl\.co|koyeb\.app|glitch\.me|deta\.app|deta\.dev|modal\.run|gradio\.app|elasticbeanstalk\.com|cloudfunctions\.net|ondigitalocean\.app|pages\.dev|surge\.sh|shinyapps\.io|anvil\.app|posit\.cloud|binder\.)$/i;
/** The hosting providers' own sites (docs, dashboards, sign-up pages): never the candidate's app. */
const PROVIDER_SITES =
  /(^|\.)(heroku\.com|render\.com|vercel\.com|netlify\.com|streamlit\.io|fly\.io|railway\.com|koyeb\.com|modal\.com|replit\.com|pythonanywhere\.com|gradio\.app|streamlit\.app|huggingface\.co|hf\.co)$/i;
/** Subdomains of provider sites that are apps after all. */
const PROVIDER_APP = /^(?!www\.|docs\.|blog\.|dashboard\.|signup\.|devcenter\.|discuss\.|status\.)[\w-]+\.(pythonanywhere\.com|streamlit\.app)$/i;
const TEMP_HOSTS = /(^|\.)(gradio\.live|ngrok\.io|ngrok-free\.app|ngrok\.app|trycloudflare\.com|loca\.lt)$/i;
const VIDEO_HOSTS = /(^|\.)(youtube\.com|youtu\.be|loom\.com|vimeo\.com)$/i;
const NOTEBOOK_HOSTS = /(^|\.)(colab\.research\.google\.com|mybinder\.org)$/i;
/** Words that present a link as the live demo (link text, or the heading above it). */
const DEMO_WORDS =
  /(?<![\p{L}\p{N}_])(demo|live|try it|try the|try out|deployed|web ?app|launch|playground|hosted|open the app|streamlit app|gradio app|demostraci[óo]n|demonstra(ção|cao)|d[ée]mo|d[ée]monstration|en vivo|ao vivo|pru[ée]balo|experimente|ausprobieren|демо|демонстрация)(?![\p{L}\p{N}_])|演示|在线体验|デモ|데모|시연/iu;
const DEMO_HEADING =
  /(?<![\p{L}\p{N}_])(demo|live|deploy(ed|ment)|try it|web ?app|hosted|app link|demostraci[óo]n|despliegue|demonstra(ção|cao)|implanta(ção|cao)|d[ée]mo|d[ée]monstration|d[ée]ploiement|bereitstellung|демо|демонстрация|развертывание|развёртывание|деплой)(?![\p{L}\p{N}_])|演示|部署|在线体验|デモ|デプロイ|데모|배포|시연/iu;
const NON_DEMO_HOSTS =
  /(^|\.)(github\.com|githubusercontent\.com|github\.io|kaggle\.com|linkedin\.com|medium\.com|twitter\.com|x\.com|arxiv\.org|wikipedia\.org|google\.com|python\.org|pypi\.org|readthedocs\.io|shields\.io|typeform\.com|discord\.gg|discord\.com|slack\.com|t\.me|facebook\.com|instagram\.com|docs\.google\.com|drive\.google\.com|coursera\.org|udemy\.com)$/i;

function classifyDemo(url: string, context: string): { score: number; what: string } | null {
  const host = hostOf(url);
  if (!host || /^(localhost|127\.|0\.0\.0\.0|\[::1\])/.test(host)) return null;
  // A Docker/compose service name (`http://model:8000`) or a private address is reachable only inside the author's network.
  if (!host.includes('.') || /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host)) return null;
  const u = url.toLowerCase();
  if (/shields\.io|badgen|badge\.svg|\/badge/.test(u) && !DEPLOY_HOSTS.test(host)) return null;
  if ((host === 'huggingface.co' || host === 'hf.co') && /^https?:\/\/(huggingface|hf)\.co\/spaces\/[^/]+\/[^/?#]+/.test(u)) return { score: 1, what: 'Hugging Face Space' };
  if (host === 'share.streamlit.io') return /share\.streamlit\.io\/[^/?#]+\/[^/?#]+/.test(u) ? { score: 1, what: 'Streamlit Cloud app' } : null;
  if (/\.execute-api\.[\w-]+\.amazonaws\.com$/.test(host)) return { score: 1, what: 'AWS API endpoint' };
  if (PROVIDER_APP.test(host)) return { score: 1, what: `deployed app (${host})` };
  if (/^[\w-]+\.gradio\.app$/i.test(host) && !/^(www|docs)\./.test(host)) return { score: 0.5, what: `Gradio share link (${host}) that expires` };
  if (PROVIDER_SITES.test(host)) return null;
  if (DEPLOY_HOSTS.test(host)) return { score: 1, what: `deployed app (${host})` };
  if (TEMP_HOSTS.test(host)) return { score: 0.5, what: `temporary tunnel link (${host}) that expires` };
  if (VIDEO_HOSTS.test(host)) return DEMO_WORDS.test(context) || /\b(demo|video|walkthrough)\b/i.test(context) ? { score: 0.5, what: `demo video (${host})` } : null;
  if (NOTEBOOK_HOSTS.test(host)) return { score: 0.25, what: `runnable notebook (${host}), not a deployed app` };
  if (host.endsWith('.github.io') && DEMO_WORDS.test(context)) return { score: 0.7, what: `page presented as the demo (${host})` };
  if (NON_DEMO_HOSTS.test(host)) return null;
  if (DEMO_WORDS.test(context)) return { score: 0.7, what: `link presented as the demo (${host})` };
  return null;
}

export function demoLink(view: ReadmeView, homepage: string | null | undefined): ProbeResult {
  const found: Array<{ score: number; line?: number; detail: string }> = [];
  const demoSections = new Set(sectionsMatching(view, DEMO_HEADING).flatMap((s) => [s.head.index, ...s.blocks.map((b) => b.index)]));
  for (const u of urls(view)) {
    if (u.kind === 'image' || u.kind === 'html-image') continue;
    // Context: the link text, plus "demo" when the link sits under a Demo/Deployment heading. Bare URLs take their line.
    const ownText = u.kind === 'bare' ? (u.block.text.split('\n')[u.line - u.block.line] ?? '') : u.text;
    const context = `${ownText} ${demoSections.has(u.block.index) ? 'demo' : ''}`;
    const c = classifyDemo(u.url.trim(), context);
    if (c) found.push({ score: c.score, line: u.line, detail: `${c.what}: ${snippet(u.url, 80)}` });
  }
  if (homepage) {
    const c = classifyDemo(homepage, 'live');
    if (c) found.push({ score: c.score === 0.7 ? 0.5 : c.score, detail: `repository website: ${snippet(homepage, 80)} (${c.what})` });
  }
  if (!found.length) return result(0, [], 'no link to a deployed demo (Hugging Face Space, Streamlit Cloud, Render, ...)');
  found.sort((a, b) => b.score - a.score);
  const top = found[0]!;
  const evidence = found.slice(0, MAX_EVIDENCE).map((f) => (f.line ? ev(view, f.line, f.detail) : { detail: f.detail }));
  let note: string | undefined;
  if (top.score < 1) note = top.score === 0.5 && /temporary/.test(top.detail) ? 'the demo link is a temporary tunnel; deploy it somewhere permanent' : 'no link to a deployed, always-on demo';
  return result(top.score, evidence, note);
}

// ---------------------------------------------------------------- visuals

const BADGE = /shields\.io|badgen\.net|badge\.fury\.io|forthebadge|travis-ci|circleci\.com|codecov\.io|coveralls\.io|\/badge(\.svg)?\b|badge\.svg|colab-badge|binder\.svg|deepnote|gitpod\.io\/button|open-in-|visitor-badge|hits\.seeyoufarm|komarev\.com|github-readme-stats|img\.shields/i;

const PLACEHOLDER_IMAGE = /(^|\.)(via\.placeholder\.com|placeholder\.com|placehold\.co|placehold\.it|dummyimage\.com|placekitten\.com|picsum\.photos|fakeimg\.pl)$/i;

/** An image file smaller than this is not a chart or a screenshot (a 1×1 PNG is 67 bytes). */
export const MIN_IMAGE_BYTES = 100;

export function visuals(view: ReadmeView, p: { min?: number }, exists: (path: string) => boolean, sizeOf: (path: string) => number | undefined = () => undefined): ProbeResult {
  const min = p.min ?? 1;
  const evidence: Evidence[] = [];
  const missing: Evidence[] = [];
  let count = 0;
  const dir = view.doc.path.includes('/') ? view.doc.path.slice(0, view.doc.path.lastIndexOf('/') + 1) : '';
  for (const u of urls(view)) {
    const isImage = u.kind === 'image' || u.kind === 'html-image';
    if (!isImage || BADGE.test(u.url)) continue;
    const url = u.url.trim();
    if (PLACEHOLDER_IMAGE.test(hostOf(url) ?? '')) {
      missing.push(ev(view, u.line, `placeholder image, not a real screenshot: ${snippet(url, 60)}`, true));
      continue;
    }
    if (!/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) {
      let rel = url.replace(/[?#].*$/, '');
      try {
        rel = decodeURIComponent(rel);
      } catch {
        /* keep */
      }
      const path = rel.startsWith('/') ? rel.slice(1) : (dir + rel).replace(/^\.\//, '');
      const norm = path.split('/').reduce<string[]>((a, s) => (s === '..' ? (a.pop(), a) : s === '.' || s === '' ? a : [...a, s]), []).join('/');
      if (!exists(norm)) {
        missing.push(ev(view, u.line, `image file missing from the repo: ${snippet(url, 60)}`, true));
        continue;
      }
      const size = sizeOf(norm);
      if (size !== undefined && size < MIN_IMAGE_BYTES) {
        missing.push(ev(view, u.line, `unsupported claim: ${snippet(url, 60)} is ${size} byte${size === 1 ? '' : 's'}, not an image`, true));
        continue;
      }
    }
    count++;
    evidence.push(ev(view, u.line, `${/\.gif(\?|$)/i.test(url) ? 'GIF' : /\.(mp4|webm)/i.test(url) ? 'video' : 'image'}: ${snippet(u.text ? `${u.text} (${url})` : url, 80)}`));
  }
  const score = min > 0 ? Math.min(1, count / min) : 1;
  const note = count === 0 ? (missing.length ? 'images are referenced but their files are missing or are not images' : 'no screenshots, charts or GIFs in the README') : undefined;
  return result(score, [...evidence, ...missing], note);
}

// ---------------------------------------------------------------- length

export interface LengthParams {
  zero?: number;
  min?: number;
  max?: number;
}

export function length(view: ReadmeView, p: LengthParams): ProbeResult {
  const zero = p.zero ?? 30;
  const min = p.min ?? 250;
  const max = p.max ?? 3000;
  const words = proseWords(view.blocks);
  const headings = view.headings.filter((h) => (h.depth ?? 6) <= 4).length;
  let score: number;
  let note: string | undefined;
  if (words <= zero) {
    score = 0;
    note = `the README has ${words} words of prose; a reader cannot tell what the project is`;
  } else if (words < min) {
    score = (words - zero) / (min - zero);
    note = `short README (${words} words; ${min}-${max} explains a project well)`;
  } else if (words <= max) score = 1;
  else {
    score = Math.max(0.5, 1 - (0.5 * (words - max)) / max);
    note = `very long README (${words} words); move details to docs/ and keep the README to what a reader needs first`;
  }
  if (words >= 400 && headings < 2) {
    score *= 0.7;
    note = `${note ? note + '; ' : ''}${words} words under ${headings} heading(s): a wall of text; split it into sections`;
  }
  return result(score, [ev(view, 1, `${words} words of prose, ${view.headings.length} heading(s)`, score < 1)], note);
}

// ---------------------------------------------------------------- phrases

export interface PhrasePattern {
  regex: string;
  detail: string;
  flags?: string;
}

export function phrases(view: ReadmeView, p: { patterns: PhrasePattern[]; expect: 'present' | 'absent'; includeCode?: boolean }): ProbeResult {
  const compiled: Array<{ re: RegExp; detail: string }> = [];
  for (const pat of p.patterns) {
    try {
      const flags = (pat.flags ?? 'i').replace(/g/g, '');
      compiled.push({ re: new RegExp(pat.regex, flags + 'g'), detail: pat.detail });
    } catch (e) {
      return { score: 0, evidence: [], measurable: false, note: `invalid pattern /${pat.regex}/: ${(e as Error).message}` };
    }
  }
  const hits: Evidence[] = [];
  const items: Array<{ text: string; block: Block; isUrl?: boolean; line?: number }> = [];
  for (const b of view.blocks) if (b.kind !== 'code' || p.includeCode) items.push({ text: b.text, block: b });
  for (const u of urls(view)) items.push({ text: u.url, block: u.block, isUrl: true, line: u.line });
  for (const { re, detail } of compiled) {
    for (const it of items) {
      re.lastIndex = 0;
      const m = re.exec(it.text);
      if (!m) continue;
      hits.push(ev(view, it.line ?? lineAt(it.block, m.index), `${detail}: "${snippet(m[0], 60)}"`, p.expect === 'absent'));
      break;
    }
  }
  if (p.expect === 'present') return result(hits.length ? 1 : 0, hits, hits.length ? undefined : 'none of the expected phrases found');
  return result(hits.length ? 0 : 1, hits, hits.length ? `found: ${hits.map((h) => h.detail.split(':')[0]).join('; ')}` : undefined);
}
