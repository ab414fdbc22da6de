// Expands a JSON-LD file with jsonld.js (digitalbazaar) and prints the
// dataset it stands for as N-Quads: `node jsonld_to_nquads.js FILE`.
// Remote contexts are refused, so the file must carry its own.
'use strict';
const fs = require('fs');
const jsonld = require('jsonld');

async function main() {
  const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const documentLoader = (url) => {
    throw new Error(`refusing to load a remote document: ${url}`);
  };
  const nquads = await jsonld.toRDF(doc, { format: 'application/n-quads', documentLoader, safe: true });
  process.stdout.write(nquads);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  if (e && e.details) console.error(JSON.stringify(e.details, null, 2));
  process.exit(1);
});
