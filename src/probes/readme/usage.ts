import type { ProbeResult } from '../../types.js';
import { lineAt, snippet, type ReadmeView } from './_shared/blocks.js';
import { sectionLabel } from './_shared/result.js';
import { commandCheck, type CmdHit } from './_shared/commands.js';
import { Type } from '@sinclair/typebox';
import { defineProbe } from '../types.js';
import { README_GLOBS, onReadme } from './_shared/load.js';
import { commandsBacked } from './_shared/commands.js';

const USAGE_HEADING =
  /(?<![\p{L}\p{N}_])(usage|how to (run|use)|running|run (the|it|locally|this)|quick ?start|getting started|inference|demo|examples?|cli|command[- ]line|reproduc\w+|uso|utiliza(ção|cao|ción|cion)|c[oó]mo (usar|executar|ejecutar|rodar)|execu(ção|cao|ción|cion)|utilisation|modo de uso|ejemplos?|exemplos?|inferencia|ex[ée]cution|exemples?|comment (utiliser|lancer|ex[ée]cuter)|d[ée]marrage rapide|verwendung|nutzung|benutzung|anwendung|ausf[üu]hrung|beispiele?|schnellstart|erste schritte|использование|запуск|примеры?|применение|как запустить|как использовать|kullan[ıi]m|[çc]al[ıi][şs]t[ıi]rma|nas[ıi]l [çc]al[ıi][şs]t[ıi]r[ıi]l[ıi]r|[öo]rnekler|penggunaan|cara (menjalankan|menggunakan|pakai)|menjalankan|s[ửu] d[ụu]ng|c[áa]ch ch[ạa]y|u[żz]ycie|u[żz]ytkowanie|uruchomienie|uruchamianie|przyk[łl]ady?|jak uruchomi[ćc]|utilizzo|esecuzione|esempi|come (usare|eseguire))(?![\p{L}\p{N}_])|^[^\p{L}\p{N}]*run[^\p{L}\p{N}]*$|使用|用法|运行|運行|示例|快速开始|推理|演示|使い方|使用方法|実行|利用方法|使用例|推論|クイックスタート|デモ|사용법|사용 방법|실행|예제|추론|데모/iu;
const USAGE_SNIPPET_HEADING =
  /(?<![\p{L}\p{N}_])(usage|how to use|examples?|quick ?start|getting started|inference|predict(ion|ing)?s?|api|demo|uso|utiliza(ção|cao|ción|cion)|utilisation|ejemplos?|exemplos?|exemples?|verwendung|nutzung|beispiele?|использование|примеры?|kullan[ıi]m|[öo]rnekler|penggunaan|contoh|s[ửu] d[ụu]ng|u[żz]ycie|przyk[łl]ady?|utilizzo|esempi)(?![\p{L}\p{N}_])|使用|用法|示例|推理|演示|使い方|使用方法|使用例|推論|デモ|사용법|예제|추론|데모/iu;
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


function usage(view: ReadmeView): ProbeResult {
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

const paramsSchema = Type.Object({}, { additionalProperties: false });


export const readmeUsageProbe = defineProbe({
  name: 'readme-usage',
  description: 'Does the README show how to run or use the project (a runnable command or a usage example), naming files the repo has?',
  paramsSchema,
  reads: () => README_GLOBS,
  run: (_params, ctx) => onReadme(ctx, (view) => commandsBacked(usage(view), view, ctx, 'usage')),
});
