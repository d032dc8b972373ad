import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Dosage } from '../../db/schema/index.js';
import { formatAccessCode } from './access-codes.js';
import { dosageLine, HANDOUT_LABELS } from './handout-labels.js';
import type { Language } from './program-content.js';

/** Everything the printed handout shows, already in its language. */
export interface HandoutContent {
  language: Language;
  practiceName: string;
  clientFirstName: string;
  exercises: {
    title: string;
    dosage: Dosage;
    instructions: string[];
    notes: string | null;
    /** JPEG or PNG bytes; other formats are left out before this point. */
    image: Buffer | null;
  }[];
  educationTitles: string[];
  accessCode: string;
  appUrl: string;
}

const MARGIN = 50;
const IMAGE_BOX: [number, number] = [180, 130];
const QR_SIZE = 110;

/** Renders the handout as an A4 PDF with the standard Helvetica fonts (WinAnsi: covers English and German). */
export async function renderHandout(content: HandoutContent): Promise<Buffer> {
  const labels = HANDOUT_LABELS[content.language];
  // No personal data in the document's metadata: it travels with the file and shows in viewers' lists.
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: labels.documentTitle } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const ensureRoom = (height: number) => {
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
  };

  doc.font('Helvetica-Bold').fontSize(18).text(content.practiceName, { width });
  doc.font('Helvetica').fontSize(14).text(labels.heading, { width });
  doc.fontSize(11).text(labels.preparedFor(content.clientFirstName), { width });
  doc.moveDown();

  const boxTop = doc.y;
  const qr = await QRCode.toBuffer(content.appUrl, { type: 'png', margin: 1, width: 300 });
  doc.image(qr, MARGIN + width - QR_SIZE, boxTop, { fit: [QR_SIZE, QR_SIZE] });
  const textWidth = width - QR_SIZE - 20;
  doc.font('Helvetica-Bold').fontSize(12).text(labels.accessCode, MARGIN, boxTop, { width: textWidth });
  doc.font('Courier-Bold').fontSize(20).text(formatAccessCode(content.accessCode), { width: textWidth });
  doc.font('Helvetica').fontSize(10).text(labels.appHint(content.appUrl), { width: textWidth });
  doc.y = Math.max(doc.y, boxTop + QR_SIZE);
  doc.moveDown(1.5);

  content.exercises.forEach((exercise, index) => {
    ensureRoom(80);
    doc
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(`${index + 1}. ${exercise.title}`, MARGIN, doc.y, { width });
    doc.font('Helvetica').fontSize(10).text(dosageLine(exercise.dosage, content.language), { width });
    doc.moveDown(0.5);
    if (exercise.image) {
      ensureRoom(IMAGE_BOX[1]);
      const top = doc.y;
      try {
        doc.image(exercise.image, MARGIN, top, { fit: IMAGE_BOX });
        doc.y = top + IMAGE_BOX[1] + 6;
      } catch {
        // An image pdfkit cannot read is left out rather than failing the whole handout.
        doc.y = top;
      }
    }
    exercise.instructions.forEach((step, stepIndex) => {
      doc.fontSize(10).text(`${stepIndex + 1}. ${step}`, MARGIN + 10, doc.y, { width: width - 10 });
    });
    if (exercise.notes) {
      doc.moveDown(0.3);
      doc.font('Helvetica-Oblique').text(`${labels.note}: ${exercise.notes}`, MARGIN, doc.y, { width });
      doc.font('Helvetica');
    }
    doc.moveDown();
  });

  if (content.educationTitles.length > 0) {
    ensureRoom(60);
    doc.font('Helvetica-Bold').fontSize(13).text(labels.education, MARGIN, doc.y, { width });
    doc.font('Helvetica').fontSize(10);
    for (const title of content.educationTitles)
      doc.text(`• ${title}`, MARGIN + 10, doc.y, { width: width - 10 });
  }

  doc.end();
  return done;
}
