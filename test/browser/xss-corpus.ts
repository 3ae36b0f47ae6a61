/**
 * The XSS corpus for test/browser/xss.browser.ts: classic payloads, each calling alert() with its own
 * marker (so a dialog would fire if any of them were ever rendered as HTML), hostile URLs for a message's
 * url and media, and bidi controls for names.
 */

/** Every payload carries this word, so a search finds them all and the DOM checks can look for it. */
export const MARK = 'vxcorpus';

export const PAYLOADS = {
  img: `<img src=x onerror=alert('vx-img')> ${MARK}`,
  script: `<script>alert('vx-script')</script> ${MARK}`,
  svg: `"><svg onload=alert('vx-svg')> ${MARK}`,
  svg2: `'><svg/onload=alert('vx-svg2')// ${MARK}`,
  anchor: `<a href="javascript:alert('vx-anchor')">open the shelter map</a> ${MARK}`,
  iframe: `<iframe src="javascript:alert('vx-iframe')"></iframe> ${MARK}`,
  details: `<details open ontoggle=alert('vx-details')> ${MARK}`,
  focus: `<input autofocus onfocus=alert('vx-focus')> ${MARK}`,
  mxss: `<math><mtext><table><mglyph><style><img src=x onerror=alert('vx-mxss')> ${MARK}`,
  object: `<object data="javascript:alert('vx-object')"></object> ${MARK}`,
  template: `{{7*7}} {{constructor.constructor('alert("vx-tpl")')()}} ${MARK}`,
  dollar: `\${7*7} \${alert('vx-dollar')} #{7*7} <%= 7*7 %> ${MARK}`,
  bareJs: `javascript:alert('vx-bare') ${MARK}`,
  bareData: `data:text/html,<script>alert('vx-bare-data')</script> ${MARK}`,
} as const;

/** What must never become a link or a request: in a message's url, its media, or links inside its text. */
export const HOSTILE_URLS = [
  `javascript:alert('vx-url-js')`,
  ` JaVaScRiPt:alert('vx-url-js2')`,
  `java\tscript:alert('vx-url-tab')`,
  `data:text/html,<script>alert('vx-url-data')</script>`,
  `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="alert('vx-url-svg')"/>`,
  `vbscript:msgbox("vx-url-vb")`,
] as const;

/** A remote image a hostile sender controls: shown as a name, never fetched (it would reveal who looks). */
export const REMOTE_MEDIA = 'https://tracker.invalid/vx-pixel.png';

// Unterminated overrides, and a stray PDI that would close an FSI…PDI wrapper early.
export const RLO = '\u202E';
export const LRO = '\u202D';
export const PDI = '\u2069';

export interface CorpusPerson {
  key: string;
  name: string;
  nameAr?: string;
  area?: string;
  handle: string;
  displayName: string;
  extraAccount?: { platform: string; handle: string };
}

/** Names and handles that try both markup and bidi tricks. */
export const PEOPLE: CorpusPerson[] = [
  {
    key: 'a',
    name: `Eve ${RLO}gnp.exe`,
    nameAr: `إيفا <img src=x onerror=alert('vx-name-ar')>`,
    area: `"><svg onload=alert('vx-area')>`,
    handle: `"><svg onload=alert('vx-handle-a')>${RLO}`,
    displayName: `<img src=x onerror=alert('vx-display-a')> ${RLO}Eve`,
    extraAccount: { platform: 'telegram', handle: 'eve_backup' },
  },
  {
    key: 'b',
    name: `Rami ${PDI}${LRO}<script>alert('vx-name-b')</script>`,
    handle: `rami_${PDI}${LRO}x`,
    displayName: `{{7*7}} ${PDI}${LRO}Rami`,
  },
  {
    key: 'd',
    name: `<img src=x onerror=alert('vx-name-d')>Dana`,
    handle: `<script>alert('vx-handle-d')</script>`,
    displayName: `"><svg onload=alert('vx-display-d')>`,
  },
  { key: 'c', name: 'Calm Carer', handle: 'calm_carer', displayName: 'Calm Carer' },
];

export const NOTE_TEXT = `<img src=x onerror=alert('vx-note')> seen at the clinic {{7*7}} ${RLO}evol`;
export const ACK_COMMENT = `"><svg onload=alert('vx-ack')> called the family`;
