import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { PracticeExport } from './export.service.js';

// The practice's archive: small files written at once, client records and media read lazily, one at a
// time, as the download is consumed. yazl asks for each lazy entry only when the previous one is written,
// so memory holds one client (or one media stream) at a time and a slow download slows the reads.

/** Where a media item's bytes go in the archive. */
export function mediaPath(media: { exerciseId: string; id: string; contentType: string }) {
  return `exercises/media/${media.exerciseId}/${media.id}.${EXTENSIONS[media.contentType] ?? 'bin'}`;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
};

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

function readme(manifest: PracticeExport['manifest']) {
  return `Rehabit practice export
=======================

Practice: ${manifest.practice.name} (${manifest.practice.id})
Exported: ${manifest.exportedAt}
Region:   ${manifest.practice.region}

Everything in this archive is decrypted. Keep it as safely as the health records it holds, and delete
it once it has served its purpose.

Contents
--------
practice.json           The practice record: name, address, country, VAT ID, region, MFA policy.
members.json            Every member who has had an account: name, email, role, status, whether a
                        second factor is set up, sign-in times. Never password hashes, TOTP secrets,
                        recovery codes or passkey credentials.
clients/<id>.json       One file per client (${manifest.clientIds.length} in all), archived clients included, in the
                        "rehabit-client-export" format, version 1: the client record, every program
                        version with its items and notes, adherence entries with their details,
                        messages, outcome assignments and responses with scores, alerts, alert rules,
                        reminder settings, contact preferences, patient-app sessions and the audit
                        trail about the client. Access codes are not included: they are live
                        credentials; a practitioner issues a new one from the client's page.
                        The same file is answered by GET /api/v1/clients/<id>/export?format=json, and
                        the same content as a FHIR R4 Bundle with ?format=fhir.
exercises.json          The practice's own exercises (archived ones too) with their texts in every
                        language and the list of their media files.
exercises/media/...     The media files themselves, decrypted, named <exercise id>/<media id>.<ext>.
templates.json          Every program template of the practice, shared and private.
measures.json           The practice's custom outcome measures with their full definitions.

Dates and times are ISO 8601 in UTC. Ids are UUIDs and match across the files.
`;
}

/** The archive as a stream; `readClient` runs for each client when its turn comes. */
export function writePracticeArchive(
  exported: PracticeExport,
  readMedia: (media: PracticeExport['media'][number]) => Promise<NodeJS.ReadableStream>,
): NodeJS.ReadableStream {
  const { manifest } = exported;
  const zip = new ZipFile();
  const mtime = new Date(manifest.exportedAt);
  const options = { mtime };
  zip.addBuffer(Buffer.from(readme(manifest), 'utf8'), 'README.txt', options);
  zip.addBuffer(json(manifest.practice), 'practice.json', options);
  zip.addBuffer(json(manifest.members), 'members.json', options);
  zip.addBuffer(json(manifest.exercises), 'exercises.json', options);
  zip.addBuffer(json(manifest.templates), 'templates.json', options);
  zip.addBuffer(json(manifest.measures), 'measures.json', options);
  for (const media of exported.media) {
    // Already compressed formats: storing them saves time and gains nothing by deflating.
    zip.addReadStreamLazy(mediaPath(media), { mtime, compress: false, size: media.byteSize }, (done) => {
      readMedia(media).then(
        (stream) => done(null, stream),
        (error: unknown) => done(error, Readable.from([])),
      );
    });
  }
  for (const clientId of manifest.clientIds) {
    zip.addReadStreamLazy(`clients/${clientId}.json`, options, (done) => {
      exported.readClient(clientId).then(
        (data) => done(null, Readable.from([json(data)])),
        (error: unknown) => done(error, Readable.from([])),
      );
    });
  }
  zip.end();
  // A failed read ends the download with an error rather than a truncated archive that looks whole.
  const output = zip.outputStream as Readable;
  zip.on('error', (error: Error) => output.destroy(error));
  return output;
}
