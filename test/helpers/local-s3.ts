import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** A local S3 server (s3rver) on 127.0.0.1, a free port and a temp folder, with one bucket. */
export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** Where s3rver keeps an object's bytes on disk (to damage one on purpose). */
  objectFile(key: string): string;
  /** VIGIL_* variables that point openBlobStore at this bucket (s3rver's fixed keys are S3RVER/S3RVER). */
  env(prefix?: string): Record<string, string>;
  close(): Promise<void>;
}

export async function startLocalS3(bucket = 'vigil-blobs'): Promise<LocalS3> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    objectFile: (key) => join(dir, bucket, `${key}._S3rver_object`),
    env: (prefix = '') => ({
      VIGIL_BLOBS: `s3://${bucket}${prefix ? `/${prefix}` : ''}`,
      VIGIL_S3_ENDPOINT: endpoint,
      VIGIL_S3_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    }),
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
