/** What the checklist editor says about a template file it will not import. */
export const TEMPLATE_FILE_TEXT = {
  /** The file (`fileName`, `bytes` long) is far larger than any template, so it is not read at all. */
  tooLarge: (fileName: string, bytes: number) =>
    `${fileName}: this file is ${Math.round(bytes / 1024)} KB, far larger than a checklist template; ` +
    'nothing was changed.',
} as const;
