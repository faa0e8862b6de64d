// Docs pages are imported as text (`?raw`): vite does it natively in tests, the esbuild packager has a
// plugin for it. They become SARIF help.markdown.
declare module '*.md?raw' {
  const text: string;
  export default text;
}
