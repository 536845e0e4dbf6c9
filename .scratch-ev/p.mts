import { create } from 'xmlbuilder2';
import { readFileSync } from 'node:fs';
const xml = readFileSync('test/fixtures/peppol/examples/nl/si-ubl-2.0/SI-UBL-2.0_ok_minimal.xml','utf8');
const doc = create(xml);
const root = doc.root().node as any;
console.log(root.namespaceURI, root.localName, root.prefix, root.nodeName);
const kids = Array.from(root.childNodes as any[]).filter((n: any)=>n.nodeType===1).slice(0,5);
for (const k of kids) console.log(k.namespaceURI, k.localName, k.textContent, Array.from(k.attributes).map((a:any)=>[a.localName,a.value]));
