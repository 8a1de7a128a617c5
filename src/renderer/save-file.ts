/**
 * Hands a file to the browser's download: a temporary object URL clicked through a link. The
 * download starts from the URL, so it is released a while later, not at once (slow browsers).
 */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
