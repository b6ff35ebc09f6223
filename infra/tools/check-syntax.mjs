// Parses every Bicep and PowerShell file under infra/ and fails on any syntax error.
// A syntax check only: it does not resolve modules, types or parameters (that needs the
// Bicep compiler, `az bicep build`, which cannot be installed offline).
//
//   cd infra/tools && npm ci && npm run check        (prints "N passed, N failed")
import { Parser, Language } from 'web-tree-sitter';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const infra = path.resolve(here, '..');
const grammar = (pkg) => path.join(here, 'node_modules', pkg, `${pkg}.wasm`);

await Parser.init();
const languages = {
  '.bicep': await Language.load(grammar('tree-sitter-bicep')),
  '.ps1': await Language.load(grammar('tree-sitter-powershell')),
};

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(full);
    return languages[path.extname(entry.name)] ? [full] : [];
  });
}

function errors(node, found = []) {
  if (node.isError || node.isMissing) {
    const where = `${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
    found.push(`${node.isMissing ? 'missing' : 'unexpected'} ${JSON.stringify(node.text.slice(0, 50))} at ${where}`);
  } else if (node.hasError) {
    for (const child of node.children) errors(child, found);
  }
  return found;
}

let passed = 0;
let failed = 0;
for (const file of files(infra).sort()) {
  const parser = new Parser();
  parser.setLanguage(languages[path.extname(file)]);
  const problems = errors(parser.parse(fs.readFileSync(file, 'utf8')).rootNode);
  const name = path.relative(infra, file);
  if (problems.length) {
    failed++;
    console.log(`FAIL ${name}`);
    for (const problem of problems.slice(0, 10)) console.log(`     ${problem}`);
  } else {
    passed++;
    console.log(`ok   ${name}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
