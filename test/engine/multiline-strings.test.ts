import { describe, expect, it } from 'vitest';
import { hasMultilineStrings, insideMultilineString, insidePythonTripleString } from '../../src/probes/multiline-strings.js';

const inside = (path: string, text: string): boolean[] | undefined => insideMultilineString(path, text.split('\n').map((t) => ({ text: t })));

describe('insideMultilineString', () => {
  it('marks the lines of a Go raw string, not the lines that open or follow it', () => {
    expect(inside('a.go', 'package main\nvar h = `\nimport "x"\n`\nimport "y"')).toEqual([false, false, true, true, false]);
  });
  it('leaves a Go raw string closed on its own line alone', () => {
    expect(inside('a.go', 'var h = `usage`\nimport "y"')).toEqual([false, false]);
  });
  it('reads Swift, C#, Kotlin and Dart triple quotes', () => {
    expect(inside('a.swift', 'let h = """\nimport CoreML\n"""\nimport UIKit')).toEqual([false, true, true, false]);
    expect(inside('a.cs', 'var t = """\nusing Microsoft.ML;\n""";')).toEqual([false, true, true]);
    expect(inside('a.dart', "var t = '''\nimport 'package:tflite/tflite.dart';\n''';")).toEqual([false, true, true]);
  });
  it('reads Rust raw strings with and without hashes, and one closed on its line', () => {
    expect(inside('a.rs', 'const H: &str = r#"\nuse tch;\n"#;\nuse tch;')).toEqual([false, true, true, false]);
    expect(inside('a.rs', 'const H: &str = r"\nuse tch;\n";')).toEqual([false, true, true]);
    expect(inside('a.rs', 'const H: &str = r#"one line"#;\nuse tch;')).toEqual([false, false]);
  });
  it('reads Ruby and PHP heredocs and C++ raw strings', () => {
    expect(inside('a.rb', "h = <<~EOS\n  require 'torch'\nEOS\nrequire 'torch'")).toEqual([false, true, true, false]);
    expect(inside('a.php', 'echo <<<TXT\nuse Phpml\\Classifier;\nTXT;\nuse Phpml\\Classifier;')).toEqual([false, true, true, false]);
    expect(inside('a.cpp', 'auto s = R"x(\n#include <torch/torch.h>\n)x";\n#include <torch/torch.h>')).toEqual([false, true, true, false]);
  });
  it('knows nothing of other languages', () => {
    expect(hasMultilineStrings('a.py')).toBe(false);
    expect(inside('a.py', 'x = """\nimport torch\n"""')).toBeUndefined();
  });
  it('is linear on a line of 200,000 backticks and a heredoc that never closes', () => {
    expect(inside('a.go', '`'.repeat(200_000) + '\nx')).toEqual([false, false]);
    expect(inside('a.dart', '"""'.repeat(100_001) + '\nx')).toEqual([false, true]);
    const lines = inside('a.rb', `h = <<~EOS\n${'x\n'.repeat(100_000)}`)!;
    expect(lines.length).toBe(100_002);
    expect(lines[100_001]).toBe(true);
  });
});

describe('insidePythonTripleString', () => {
  const py = (text: string): boolean[] => insidePythonTripleString(text.split('\n').map((t) => ({ text: t })));

  it('marks the lines of a docstring or help text, not the lines that open or follow it', () => {
    expect(py('HELP = """\nX = scale(X)\n"""\nX = scale(X)')).toEqual([false, true, true, false]);
    expect(py("def f():\n    '''Doc.'''\n    return 1")).toEqual([false, false, false]);
    expect(py('s = f"""{a}\nb"""\nc')).toEqual([false, true, false]);
  });

  // attack14: a triple quote inside an ordinary string toggled the state, and the rest of the file (a cleaning
  // script's scaler and imputer) was taken for text: preprocessing 1 -> 0, -7.9 on the weak repo.
  it('opens nothing at a triple quote inside an ordinary one-line string', () => {
    expect(py("cols = [c.replace('\"\"\"', '') for c in cols]\nX = scale(X)")).toEqual([false, false]);
    expect(py('Q = "\'\'\'"\nX = scale(X)')).toEqual([false, false]);
    expect(py('s = "a \\" \\"\\"\\" b"\nX = scale(X)')).toEqual([false, false]);
  });

  it('is linear on a line of 300,000 quotes', () => {
    expect(py(`${'"'.repeat(300_000)}\nx`)).toHaveLength(2);
    expect(py(`${"'a".repeat(150_000)}\nx`)).toHaveLength(2);
  });
});
