/** Reads all of standard input (a password piped in by a script), without the trailing newline. */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new Error('no input');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
