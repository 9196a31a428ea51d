/** @jest-environment node */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { checkWxml, formatWxmlProblem, parseWccErrors } from '../../scripts/build-steps/wxml-check';

// Each test writes its templates into a fresh temporary mini-program root: no broken file is committed.
let root: string;

function writeFile(relative: string, content: string): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'wxml-check-'));
  writeFile('pages/good/index.wxml', '<view class="page">\n  <text>{{title}}</text>\n</view>\n');
  writeFile('pages/good/index.json', '{ "usingComponents": {} }\n');
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe("WXML check with WeChat's wcc", () => {
  it('passes well-formed templates', () => {
    const result = checkWxml(root);
    expect(result.templates).toEqual(['pages/good/index.wxml']);
    expect(result.problems).toEqual([]);
  });

  it('rejects a broken template and names its file and line', () => {
    // Line 4 closes a <text> that was never opened while <view class="body"> is still open.
    writeFile('pages/broken/index.wxml', '<view>\n  <text>{{name}}</text>\n  <view class="body">\n</text>\n');

    const { problems } = checkWxml(root);

    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem?.file).toBe(path.join(root, 'pages/broken/index.wxml'));
    expect(problem?.line).toBe(4);
    expect(problem?.message).toMatch(/end-tag/);
    expect(formatWxmlProblem(problem!, root)).toMatch(/^pages\/broken\/index\.wxml:4:\d+: .*end-tag/);
  });

  it('reports every broken template, not only the first wcc stops at', () => {
    writeFile('pages/a/index.wxml', '<view>\n</text>\n');
    writeFile('pages/b/index.wxml', '<view>\n  <text>{{unclosed</text>\n');

    const files = checkWxml(root).problems.map((problem) => path.relative(root, problem.file));

    expect(files).toEqual(['pages/a/index.wxml', 'pages/b/index.wxml']);
  });

  it("parses wcc's error lines into file, line, column and message", () => {
    const stderr = 'pages/x/index.wxml:12:5: expect end-tag `view`., near `text`\nnoise\n';
    expect(parseWccErrors(stderr, '/project')).toEqual([
      {
        file: path.resolve('/project', 'pages/x/index.wxml'),
        line: 12,
        column: 5,
        message: 'expect end-tag `view`., near `text`',
      },
    ]);
  });
});
