/** The part of addons-linter's Node API (it ships no types) that the store checks use. */
declare module 'addons-linter' {
  export interface LinterMessage {
    code: string;
    message: string;
    description?: string | string[];
    file?: string;
    line?: number;
    column?: number;
    type: 'error' | 'warning' | 'notice';
  }
  export interface LinterOutput {
    count: number;
    summary: { errors: number; notices: number; warnings: number };
    errors: LinterMessage[];
    warnings: LinterMessage[];
    notices: LinterMessage[];
  }
  export interface LinterConfig {
    _: string[];
    logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
    stack: boolean;
    pretty: boolean;
    warningsAsErrors: boolean;
    metadata: boolean;
    output: 'json' | 'text' | 'none';
    boring: boolean;
    selfHosted: boolean;
  }
  const linter: {
    createInstance(options: { config: LinterConfig; runAsBinary: boolean }): { run(): Promise<LinterOutput> };
  };
  export default linter;
}
