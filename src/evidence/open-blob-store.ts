import { isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../core/errors.ts';
import type { BlobStore } from './blob-store.ts';
import { FolderBlobStore } from './folder-blob-store.ts';
import { S3BlobStore } from './s3-blob-store.ts';

type Env = Record<string, string | undefined>;

/**
 * The blob store a command or the server uses, from configuration:
 * - VIGIL_BLOBS unset: the folder <data>/blobs;
 * - VIGIL_BLOBS=/shared/path: a folder, e.g. on a filesystem every worker mounts;
 * - VIGIL_BLOBS=s3://bucket[/prefix]: an S3-compatible bucket, with VIGIL_S3_ENDPOINT (MinIO, Ceph…;
 *   AWS when unset), VIGIL_S3_REGION (else AWS_REGION, else us-east-1), VIGIL_S3_PATH_STYLE=1 for
 *   path-style URLs (the default when an endpoint is set; 0 turns it off), and the SDK's usual
 *   credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, instance roles).
 */
export function openBlobStore(dataDir: string, env: Env = process.env): BlobStore {
  const spec = env.VIGIL_BLOBS?.trim();
  if (!spec) return new FolderBlobStore(join(dataDir, 'blobs'));
  if (spec.startsWith('s3://')) {
    const rest = spec.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash === -1 ? rest : rest.slice(0, slash);
    const prefix = slash === -1 ? '' : rest.slice(slash + 1);
    const endpoint = env.VIGIL_S3_ENDPOINT?.trim() || undefined;
    const pathStyle = env.VIGIL_S3_PATH_STYLE?.trim();
    return new S3BlobStore({
      bucket,
      prefix,
      endpoint,
      region: env.VIGIL_S3_REGION?.trim() || env.AWS_REGION?.trim() || undefined,
      forcePathStyle: pathStyle ? pathStyle !== '0' && pathStyle !== 'false' : endpoint !== undefined,
      // Keys given in `env` are used as given; otherwise the SDK's chain (which reads process.env too).
      credentials:
        env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
          ? {
              accessKeyId: env.AWS_ACCESS_KEY_ID,
              secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
              sessionToken: env.AWS_SESSION_TOKEN || undefined,
            }
          : undefined,
    });
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec))
    throw new UsageError(`VIGIL_BLOBS=${spec}: only a folder path or s3://bucket[/prefix] is understood`, spec);
  return new FolderBlobStore(isAbsolute(spec) ? spec : resolve(spec));
}
