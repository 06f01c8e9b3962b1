// Colours for the launcher's output: only on a terminal, and NO_COLOR / FORCE_COLOR are honoured.
const enabled = process.env.FORCE_COLOR
  ? process.env.FORCE_COLOR !== '0'
  : !process.env.NO_COLOR && Boolean(process.stdout.isTTY);

const codes = {
  bold: 1,
  dim: 2,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  gray: 90,
};

/** @param {keyof typeof codes} color @param {string} text */
export const paint = (color, text) => (enabled ? `\x1b[${codes[color]}m${text}\x1b[0m` : text);

/** One line of the launcher's own, marked so it stands out among the services' logs. */
const tag = '[start]'.padEnd(11);
export const say = (text) => console.log(`${paint('bold', tag)} ${text}`);
export const fail = (text) => console.error(`${paint('bold', tag)} ${paint('red', text)}`);
