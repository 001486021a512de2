import type { Evidence, ProbeResult } from '../../types.js';
import { englishWordEquivalent, prose, proseWords, type Block, type ReadmeView } from './_shared/blocks.js';
import { result, ev, findIn, sectionLabel } from './_shared/result.js';
import { Type, type Static } from '@sinclair/typebox';
import { defineProbe } from '../types.js';
import { README_GLOBS, onReadme } from './_shared/load.js';

// Section headings are matched in English, Spanish, Portuguese, French, German, Russian (word boundaries by Unicode
// letter, since \b only knows ASCII) and Chinese, Japanese, Korean (no boundaries: CJK is written without spaces).
const PROBLEM_STRONG =
  /(?<![\p{L}\p{N}_])(problem|motivation|motivations|background|objectives?|goals?|aims?|purpose|business|use[- ]cases?|why|context|challenges?|task|the need|rationale|pain points?|problema|objetivos?|motiva(ção|cao|ción|cion)|contexto|contexte|probl[eè]me|probl[ée]matique|objectifs?|but du projet|enjeux|antecedentes|planteamiento|justifica(ción|cion|tiva)|prop[óo]sito|desaf[íi]os?|problemstellung|aufgabenstellung|zielsetzung|ziele?|hintergrund|kontext|herausforderungen?|zweck|проблема|проблемы|постановка задачи|задача|цель|цели|мотивация|предыстория|контекст|актуальность|ama[çc]|hedefler|motivasyon|sorun|arka plan|latar belakang|tujuan|masalah|permasalahan|motivasi|m[ụu]c ti[êe]u|b[àa]i to[áa]n|v[ấa]n đ[ềe]|đ[ộo]ng l[ựu]c|cel|motywacja|obiettiv[oi]|motivazione|contesto|scopo)(?![\p{L}\p{N}_])|背景|目标|目標|问题|問題|动机|動機|目的|痛点|挑战|課題|狙い|ねらい|モチベーション|배경|목표|문제|동기|목적|과제|필요성/iu;
const PROBLEM_WEAK =
  /(?<![\p{L}\p{N}_])(overview|introduction|intro|about|description|summary|abstract|project details?|introdu(ção|cao|cción|ccion)|sobre|descri(ção|cao|pción|pcion)|vis(ão|ao) geral|resumo|resumen|acerca de|pr[ée]sentation|aper[çc]u|[àa] propos|r[ée]sum[ée]|[üu]berblick|[üu]bersicht|einleitung|einf[üu]hrung|beschreibung|projektbeschreibung|zusammenfassung|[üu]ber das projekt|описание|обзор|введение|о проекте|аннотация|hakk[ıi]nda|genel bak[ıi][şs]|a[çc][ıi]klama|deskripsi|tentang|pendahuluan|gambaran umum|gi[ớo]i thi[ệe]u|t[ổo]ng quan|m[ôo] t[ảa]|opis|wprowadzenie|przegl[ąa]d|descrizione|introduzione|panoramica)(?![\p{L}\p{N}_])|简介|簡介|介绍|介紹|概述|摘要|概要|はじめに|紹介|説明|소개|개요|설명|요약/iu;
const PROBLEM_WORDS =
  /(?<![\p{L}\p{N}_])(problems?|challenges?|goals?|aims? to|aimed at|objectives?|motivat\w*|help(s|ing)? \w+|so that|in order to|business\w*|customers?|clients?|stakeholders?|users?|reduc\w+|improv\w+|costs?|costly|risks?|revenue|loss(es)?|fraud\w*|churn\w*|early detection|decision[- ]making|decisions?|automat\w+|manual(ly)?|time[- ]consuming|expensive|impact\w*|crucial|critical|difficult|hard to|struggle\w*|need(s|ed)? to|enable\w*|support\w*|patients?|doctors?|farmers?|companies|organi[sz]ations?|retailers?|banks?|hospitals?|problemas?|probl[èe]mes?|objetivos?|objectifs?|clientes|pacientes|empresas|reducir|reduzir|r[ée]duire|mejorar|melhorar|am[ée]liorer|costos|custos|co[ûu]ts?|riesgos?|riscos?|risques?|probleme|ziele?|kunden|patienten|unternehmen|reduzieren|verbessern|kosten|risiken|проблем[а-яё]*|цель|клиент[а-яё]*|пациент[а-яё]*|снизить|улучшить|затрат[а-яё]*|риск[а-яё]*|sorun(lar)?|ama[çc]|m[üu][şs]teri(ler)?|maliyet|masalah|tujuan|pelanggan|biaya|v[ấa]n đ[ềe]|m[ụu]c ti[êe]u|kh[áa]ch h[àa]ng|chi ph[íi]|klient[a-ząćęłńóśźż]*|koszt[a-ząćęłńóśźż]*|clienti|costi|ridurre|migliorare)(?![\p{L}\p{N}_])|问题|問題|目标|用户|客户|成本|降低|提高|风险|課題|目的|顧客|コスト|削減|改善|リスク|문제|목표|고객|사용자|비용|개선|절감|위험/giu;

/** A "Data background" or "Results and goals" heading is about data or results, not the problem. */
const NOT_PROBLEM =
  /(?<![\p{L}\p{N}_])(data|dataset|results?|install|usage|datos|dados|donn[ée]es|daten|datensatz|resultados|r[ée]sultats|ergebnisse|данные|датасет|результаты|veri|sonu[çc]lar|kurulum|hasil|instalasi|d[ữu] li[ệe]u|k[ếe]t qu[ảa]|dane|wyniki|instalacja|dati|risultati|installazione)(?![\p{L}\p{N}_])|数据|數據|データ|데이터|结果|結果|결과|安装|インストール|설치/iu;

function problem(view: ReadmeView, p: ReadmeProblemParams): ProbeResult {
  const { minWords } = p;
  let best = 0;
  const evidence: Evidence[] = [];
  let note: string | undefined;
  for (const s of view.sections) {
    if (s.depth > 6) continue;
    const strong = PROBLEM_STRONG.test(s.title) && !NOT_PROBLEM.test(s.title);
    const weak = !strong && PROBLEM_WEAK.test(s.title);
    if (!strong && !weak) continue;
    const body = s.blocks.filter((b) => b.kind !== 'heading');
    const words = proseWords(body);
    // The minimum is in English words: a Russian or Chinese section with the same content reaches it too.
    const english = Math.floor(englishWordEquivalent(body.filter((b) => b.kind !== 'code').map((b) => b.text).join('\n')));
    const size = Math.max(words, english);
    const problemWords = new Set(findIn(view, prose(s.blocks), PROBLEM_WORDS).map((m) => m.match.toLowerCase()));
    let score: number;
    if (strong) score = size >= minWords ? 1 : words > 0 ? 0.5 : 0.3;
    else score = size >= minWords ? (problemWords.size >= 1 ? 1 : 0.6) : words > 0 ? 0.4 : 0.2;
    if (score > best) {
      best = score;
      evidence.unshift(
        ev(
          view,
          s.head.line,
          `${sectionLabel(s)}: ${words} words${words < minWords && size > words ? ` (the content of about ${size} in English)` : ''}${problemWords.size ? `, problem words: ${[...problemWords].slice(0, 4).join(', ')}` : ''}`,
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

const paramsSchema = Type.Object(
  {
    /** Words a motivation section needs for full score, in English words: other languages by the same content (englishWordEquivalent). */
    minWords: Type.Integer({ minimum: 0, default: 15 }),
  },
  { additionalProperties: false },
);

type ReadmeProblemParams = Static<typeof paramsSchema>;

export const readmeProblemProbe = defineProbe({
  name: 'readme-problem',
  description: 'Does the README say what problem the project solves and why (a Problem / Motivation section, or an intro that states it)?',
  paramsSchema,
  reads: () => README_GLOBS,
  run: (params, ctx) => onReadme(ctx, (view) => problem(view, params)),
});
