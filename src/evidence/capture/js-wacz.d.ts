// @harvard-lil/js-wacz ships JavaScript with JSDoc only; the part Vigil uses.
declare module '@harvard-lil/js-wacz' {
  export interface WACZOptions {
    input: string | string[];
    output: string;
    detectPages?: boolean;
    url?: string;
    ts?: string;
    title?: string;
    description?: string;
    datapackageExtras?: Record<string, unknown> | null;
    log?: Pick<Console, 'info' | 'warn' | 'error' | 'trace' | 'log'>;
  }
  export class WACZ {
    constructor(options: WACZOptions);
    addPage(url: string, title?: string | null, ts?: string | null): void;
    process(verbose?: boolean): Promise<void>;
    sha256: (file: string | Uint8Array) => Promise<string>;
    indexWARCPool: { destroy(): Promise<void> } | null;
  }
}
