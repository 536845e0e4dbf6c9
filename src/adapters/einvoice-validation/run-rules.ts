import type { Finding, Rule } from './rule.js';
import type { UblDocument } from './ubl-document.js';
import type { XmlElement } from './xml-tree.js';

interface Pattern {
  readonly anchored: boolean;
  readonly steps: readonly string[];
}

const compiled = new Map<string, readonly Pattern[]>();

const patternsOf = (context: string): readonly Pattern[] => {
  let patterns = compiled.get(context);
  if (patterns === undefined) {
    patterns = context.split('|').map((alternative) => {
      const text = alternative.trim();
      const anchored = text.startsWith('/');
      return { anchored, steps: (anchored ? text.slice(1) : text).split('/') };
    });
    compiled.set(context, patterns);
  }
  return patterns;
};

/** Schematron context matching: the last step names the element, earlier steps its ancestors. */
const matches = (element: XmlElement, { anchored, steps }: Pattern): boolean => {
  let node: XmlElement | undefined = element;
  for (let i = steps.length - 1; i >= 0; i -= 1) {
    const step = steps[i]!;
    if (node === undefined || (step !== '*' && node.name !== step)) return false;
    if (i > 0) node = node.parent;
  }
  return !anchored || node?.parent === undefined;
};

/** Evaluates every rule on every element its context selects; a failed assertion becomes a finding. */
export const runRules = (doc: UblDocument, rules: readonly Rule[]): Finding[] =>
  rules.flatMap((rule) => {
    const patterns = patternsOf(rule.context);
    return doc.elements
      .filter((element) => patterns.some((pattern) => matches(element, pattern)))
      .filter((element) => (rule.when?.(element, doc) ?? true) && !rule.test(element, doc))
      .map((element) => ({
        ruleId: rule.id,
        flag: rule.flag,
        message: rule.message,
        location: element.path,
      }));
  });
