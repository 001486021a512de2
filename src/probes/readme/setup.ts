import type { ProbeResult } from '../../types.js';
import { type ReadmeView } from './_shared/blocks.js';
import { commandCheck } from './_shared/commands.js';
import { Type } from '@sinclair/typebox';
import { defineProbe } from '../types.js';
import { README_GLOBS, onReadme } from './_shared/load.js';
import { commandsBacked } from './_shared/commands.js';

const SETUP_HEADING =
  /(?<![\p{L}\p{N}_])(install(ation|ing)?|set ?up|set-up|getting started|get started|prerequisites?|requirements|dependencies|quick ?start|how to (run|install|start|reproduce)|run(ning)? (it )?locally|local (setup|development)|reproduc\w+|instala(ção|cao|ción|cion)|configura(ção|cao|ción|cion)|pré-requisitos|requisitos|requisitos previos|dependencias|dependências|c[óo]mo instalar|puesta en marcha|primeros pasos|primeiros passos|configuration|pr[ée]-?requis|d[ée]pendances|mise en place|d[ée]marrage rapide|einrichtung|voraussetzungen|abh[äa]ngigkeiten|anforderungen|schnellstart|erste schritte|установка|настройка|требования|зависимости|быстрый старт|как установить|kurulum|gereksinimler|ba[ğg][ıi]ml[ıi]l[ıi]klar|instalasi|persyaratan|prasyarat|cara instal(asi)?|c[àa]i đ[ặa]t|y[êe]u c[ầa]u|instalacja|wymagania|zale[żz]no[śs]ci|installazione|requisiti|dipendenze|configurazione)(?![\p{L}\p{N}_])|安装|安裝|环境|環境|依赖|依賴|快速开始|快速上手|配置|インストール|セットアップ|環境構築|必要条件|依存関係|導入|설치|환경|설정|요구 ?사항|의존성|시작하기/iu;
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
  // JVM projects are set up by their build tool, which fetches the declared libraries: Maven, Gradle, sbt, javac.
  /\bmvnw?\b[^\n]{0,100}\b(?:install|package|compile|verify|exec:java|spring-boot:run)\b/i,
  /\bgradlew?(?:\.bat)?\s+(?:build|assemble|installDist|run|bootRun|jar|shadowJar)\b/i,
  /\bsbt\s+(?:compile|run|assembly|package)\b/i,
  /\bjavac\s/,
  /\bdvc\s+(pull|fetch)\b/i,
  /\bkaggle\s+(datasets|competitions)\s+download\b/i,
];

function setup(view: ReadmeView): ProbeResult {
  return commandCheck(view, { patterns: SETUP_CMD, heading: SETUP_HEADING, what: 'install command', sectionWord: 'setup/installation' });
}


const paramsSchema = Type.Object({}, { additionalProperties: false });


export const readmeSetupProbe = defineProbe({
  name: 'readme-setup',
  description: 'Does the README show how to install the project (a runnable install command), naming files the repo has?',
  paramsSchema,
  reads: () => README_GLOBS,
  run: (_params, ctx) => onReadme(ctx, (view) => commandsBacked(setup(view), view, ctx, 'setup')),
});
