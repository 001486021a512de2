import type { ProbeResult } from '../../types.js';
import { hostOf, sectionsMatching, snippet, urls, type ReadmeView } from './_shared/blocks.js';
import { result, ev, MAX_EVIDENCE } from './_shared/result.js';
import { Type } from '@sinclair/typebox';
import { defineProbe } from '../types.js';
import { README_GLOBS, onReadme } from './_shared/load.js';
import { DEFAULT_CODE_GLOBS } from '../code-scan.js';
import type { ProbeContext } from '../types.js';
import { repoBacking } from './_shared/claims.js';
import { REACH_GLOBS } from '../code-reach.js';

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

function demoLink(view: ReadmeView, homepage: string | null | undefined): ProbeResult {
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

/** An unsupported claim scores this: numbers or a link with nothing in the repo behind them are no evidence. */
const UNSUPPORTED = 0;

async function demoBacked(r: ProbeResult, ctx: ProbeContext): Promise<ProbeResult> {
  if (r.score < 0.5) return r; // a notebook link or no link: no app claimed
  const b = await repoBacking(ctx);
  if (b.app) return { ...r, evidence: [...r.evidence, { ...b.app, detail: `the app is in the repo: ${b.app.detail}` }].slice(0, 5) };
  const note = 'unsupported claim: the README links a demo, but the repo holds no app that takes input (an endpoint, an input widget, a Gradio interface)';
  return { outcome: 'fail', score: UNSUPPORTED, evidence: [...r.evidence.slice(0, 4), { detail: 'unsupported claim: no app code behind the demo link', problem: true }], note };
}


const paramsSchema = Type.Object({}, { additionalProperties: false });


export const readmeDemoLinkProbe = defineProbe({
  name: 'readme-demo-link',
  description: 'Does the README (or the repository website) link a deployed, always-on demo, backed by app code in the repo?',
  paramsSchema,
  reads: () => [...README_GLOBS, ...DEFAULT_CODE_GLOBS, ...REACH_GLOBS],
  run: (_params, ctx) => onReadme(ctx, (view) => demoBacked(demoLink(view, ctx.snapshot.metadata.homepage), ctx)),
});
