/**
 * Runs once before any integration test: without a usable outputs file (or region) the run stops
 * here, with the message that says how to produce one, instead of passing or skipping silently.
 */
import { OutputsFileError, outputsFilePath, readOutputsFile, resolveRegion } from "../../tooling/verify/outputs";

export default function globalSetup(): void {
    try {
        resolveRegion(readOutputsFile(outputsFilePath(process.env)), process.env);
    } catch (err) {
        // The message is the instruction; a stack trace into jest's internals would bury it.
        if (err instanceof OutputsFileError) err.stack = `\n\n${err.message}\n`;
        throw err;
    }
}
