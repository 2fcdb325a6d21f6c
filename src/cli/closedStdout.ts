/**
 * A reader that stops early (`lamsim schema | head -1`) closes the pipe: the next write to
 * stdout fails with EPIPE, emitted as an 'error' event that, unheard, ends the process with a
 * stack trace. lamsim drops the rest of its output instead and carries on (a run still writes its
 * report bundle), ending with its own exit code. Any other error on stdout still ends it.
 */
export function dropOutputWhenStdoutCloses(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}
