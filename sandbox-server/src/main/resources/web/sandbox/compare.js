// Two jobs' results side by side (the Results card's comparison), as plain data: every leaf of
// either result under its dotted key, both values as text, and b − a where both are numbers.
// Nothing here touches the DOM: Node's test runner loads this file (src/test/js).

/** {a: {b: 1}, c: [2]} → Map {"a.b" → 1, "c.0" → 2}; an empty object or list stays one value. */
export function flatten(value, prefix = '', out = new Map()) {
  if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix || '(result)', value);
  }
  return out;
}

/**
 * One row per key of either result, a's keys first: { key, a, b, difference, differs, numbers },
 * a and b as text ("—" where that result lacks the key), difference "" unless both are numbers.
 */
export function comparisonRows(resultA, resultB) {
  const left = flatten(resultA ?? null);
  const right = flatten(resultB ?? null);
  return [...new Set([...left.keys(), ...right.keys()])].map((key) => {
    const a = left.get(key);
    const b = right.get(key);
    const numbers = typeof a === 'number' && typeof b === 'number';
    return {
      key,
      a: valueText(left, key),
      b: valueText(right, key),
      difference: numbers ? signed(b - a) : '',
      differs: !left.has(key) || !right.has(key) || JSON.stringify(a) !== JSON.stringify(b),
      numbers,
    };
  });
}

function valueText(values, key) {
  if (!values.has(key)) return '—';
  const value = values.get(key);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// b − a with a sign, rounded so that 0.1 + 0.2 reads 0.3.
function signed(difference) {
  const rounded = Number(difference.toPrecision(10));
  return rounded > 0 ? `+${rounded}` : String(rounded);
}
