/**
 * JSON.parse that keeps every number as the decimal text it was sent as. Shopify's webhook payloads are
 * REST-shaped: ids such as 820982911946154508 exceed Number.MAX_SAFE_INTEGER and JSON.parse would turn
 * them into 820982911946154500; money and tax rates stay exact as text too. Node 20 has no reviver
 * `context.source`, so numbers are quoted before parsing: strings are matched as whole tokens first, so a
 * digit inside a string is never touched.
 */
const STRING_OR_NUMBER = /"(?:[^"\\]|\\.)*"|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/** Parses `text` (throws SyntaxError like JSON.parse); every JSON number comes back as a string. */
export const parseJsonKeepingNumbers = (text: string): unknown =>
  JSON.parse(
    text.replace(STRING_OR_NUMBER, (token, number: string | undefined) => (number ? `"${number}"` : token)),
  );
