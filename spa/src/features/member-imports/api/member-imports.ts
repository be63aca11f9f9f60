//! Member collection from a sheet (/api/v1/member-imports): the template, the upload (the file itself
//! is the request body, not multipart) and the commit. Everything goes through the auth client, so a
//! stale token is refreshed quietly here too.
import { api } from '@/api/client';
import type { CommitMode, MemberImport } from '@/api/types';
import { call } from '@/lib/api-error';
import { saveBlob } from '@/lib/download';
import { contentTypeFor } from '../components/import-logic';

export const TEMPLATE_FILE_NAME = '会员信息采集表.xlsx';

/** Downloads the template with the bearer token and hands it to the browser as a file. */
export async function downloadTemplate(): Promise<void> {
  saveBlob(await call(api.GET('/api/v1/member-imports/template', { parseAs: 'blob' })), TEMPLATE_FILE_NAME);
}

/** Downloads every error of an import as a csv report the union fixes its sheet from. */
export async function downloadErrorReport(id: string): Promise<void> {
  const blob = await call(api.GET('/api/v1/member-imports/{id}/errors', { params: { path: { id } }, parseAs: 'blob' }));
  saveBlob(blob, `导入错误报告-${id}.csv`);
}

/** Uploads the sheet for a preview; nothing is registered yet. */
export function uploadImport(organisationId: string, file: File): Promise<MemberImport> {
  return call(
    api.POST('/api/v1/member-imports', {
      params: { query: { organisation_id: organisationId, file_name: file.name } },
      // The spec types a binary body as a string (OpenAPI 3.1 `contentMediaType`); the File is sent as it is.
      body: file as unknown as string,
      bodySerializer: (body: unknown) => body,
      headers: { 'Content-Type': contentTypeFor(file) },
    }),
  );
}

export function commitImport(id: string, mode: CommitMode): Promise<MemberImport> {
  return call(api.POST('/api/v1/member-imports/{id}/commit', { params: { path: { id } }, body: { mode } }));
}

export function getImport(id: string): Promise<MemberImport> {
  return call(api.GET('/api/v1/member-imports/{id}', { params: { path: { id } } }));
}
