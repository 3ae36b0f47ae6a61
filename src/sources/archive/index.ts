export * from './archive.ts';
export { openInput, withInput, readHead, isZipMagic } from './open-input.ts';
export { openZip } from './zip-archive.ts';
export { openFolder, openSingleFile } from './folder-archive.ts';
export { readAll } from './read-all.ts';
