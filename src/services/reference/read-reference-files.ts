import fs from 'node:fs/promises';
import path from 'node:path';
import { invalidReferenceFile } from './reference-file-error.ts';

/** A reference file's text, and whether it was found by listing a folder (not named). */
export type ReferenceFile = { path: string; name: string; content: string; isFromFolder: boolean };

/**
 * Reads the named files, and the files of the named folders whose names end with one of
 * `extensions` (folders are not searched recursively; their files are read in name order).
 * Text must be UTF-8: France Travail also publishes ISO-8859 copies, which would otherwise
 * load with garbled accents.
 */
export async function readReferenceFiles(
  paths: readonly string[],
  extensions: readonly string[],
): Promise<ReferenceFile[]> {
  const files: ReferenceFile[] = [];
  for (const given of paths) {
    const stats = await fs.stat(given).catch(() => undefined);
    if (!stats) throw invalidReferenceFile(given, 'no such file or folder');
    if (stats.isDirectory()) {
      const names = (await fs.readdir(given))
        .filter((name) => extensions.some((extension) => name.toLowerCase().endsWith(extension)))
        .sort();
      if (names.length === 0) {
        throw invalidReferenceFile(given, `the folder holds no ${extensions.join(' or ')} file`);
      }
      for (const name of names) files.push(await readText(path.join(given, name), true));
    } else {
      files.push(await readText(given, false));
    }
  }
  return files;
}

async function readText(filePath: string, isFromFolder: boolean): Promise<ReferenceFile> {
  const bytes = await fs.readFile(filePath);
  const name = path.basename(filePath);
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidReferenceFile(name, 'not UTF-8 text: use the UTF-8 edition of the file');
  }
  return { path: filePath, name, content, isFromFolder };
}
