/**
 * Ends a CLI with `code` once stdout and stderr are flushed. `process.exit` drops what a pipe has
 * not taken yet: `npm run plan | less` would show the first 64 KB of a plan.
 */
export function exitAfterOutput(code: number): void {
    let pending = 2;
    const flushed = () => {
        if (--pending === 0) process.exit(code);
    };
    process.stdout.write("", flushed);
    process.stderr.write("", flushed);
}
