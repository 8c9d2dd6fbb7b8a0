/**
 * A one-page printable Spotlight laid out like the hotline's published ones: title, three
 * headline figures, locations, cases by type and signals by channel as bar charts, footnotes.
 * Charts are drawn with pdfkit's vector primitives; fonts are the PDF standard ones.
 */
import PDFDocument from 'pdfkit';
import type { Spotlight } from './schema';
import { longDate } from './period';
import { CHANNEL_LABELS, CHANNELS, TRAFFICKING_TYPE_LABELS } from './vocabulary';

const BLUE = '#1f5f8b';
const GREY = '#555555';
const PAGE = { w: 612, h: 792, m: 36 };

interface Bar {
  label: string;
  value: number | null;
  display: string;
}

function hbars(
  doc: PDFKit.PDFDocument,
  x: number,
  y: number,
  width: number,
  items: Bar[],
  rowH = 16,
): number {
  const labelW = width * 0.48;
  const barMax = width - labelW - 60;
  const max = Math.max(1, ...items.map((i) => i.value ?? 0));
  items.forEach((item, i) => {
    const yy = y + i * rowH;
    doc
      .fillColor('#1b1b1b')
      .font('Helvetica')
      .fontSize(8.5)
      .text(item.label, x, yy + 3, { width: labelW - 6, lineBreak: false, ellipsis: true });
    const w = item.value === null ? 0 : Math.max(1, (item.value / max) * barMax);
    if (w > 0) doc.rect(x + labelW, yy + 2, w, rowH - 5).fill(BLUE);
    doc
      .fillColor(item.value === null ? GREY : '#1b1b1b')
      .fontSize(8.5)
      .text(item.display, x + labelW + w + 4, yy + 3, { lineBreak: false });
  });
  return y + items.length * rowH;
}

function vbars(
  doc: PDFKit.PDFDocument,
  x: number,
  y: number,
  width: number,
  height: number,
  items: Bar[],
): void {
  const slot = width / items.length;
  const max = Math.max(1, ...items.map((i) => i.value ?? 0));
  const chartH = height - 30;
  doc
    .moveTo(x, y + chartH)
    .lineTo(x + width, y + chartH)
    .lineWidth(0.5)
    .strokeColor(GREY)
    .stroke();
  items.forEach((item, i) => {
    const h = ((item.value ?? 0) / max) * (chartH - 14);
    const bx = x + i * slot + slot * 0.2;
    if (h > 0) doc.rect(bx, y + chartH - h, slot * 0.6, h).fill(BLUE);
    doc
      .fillColor('#1b1b1b')
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(item.display, x + i * slot, y + chartH - h - 12, {
        width: slot,
        align: 'center',
        lineBreak: false,
      });
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .text(item.label, x + i * slot, y + chartH + 4, { width: slot, align: 'center', lineBreak: false });
  });
}

function heading(doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number): number {
  doc.fillColor(BLUE).font('Helvetica-Bold').fontSize(13).text(text, x, y, { width, lineBreak: false });
  doc
    .moveTo(x, y + 17)
    .lineTo(x + width, y + 17)
    .lineWidth(1)
    .strokeColor(BLUE)
    .stroke();
  return y + 24;
}

export function spotlightPdf(s: Spotlight): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: PAGE.m,
    info: { Title: `${s.scope.name} Spotlight` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const inner = PAGE.w - 2 * PAGE.m;
  const year =
    s.period.from.slice(0, 4) === s.period.to.slice(0, 4)
      ? s.period.from.slice(0, 4)
      : `${s.period.from} to ${s.period.to}`;

  doc.rect(0, 0, PAGE.w, 92).fill(BLUE);
  doc
    .fillColor('white')
    .font('Helvetica-Bold')
    .fontSize(28)
    .text(`${s.scope.name} Spotlight`, PAGE.m, 24, { lineBreak: false });
  doc
    .font('Helvetica')
    .fontSize(13)
    .text(`${year} ${s.hotline} Statistics`, PAGE.m, 60, { lineBreak: false });

  doc
    .fillColor('#1b1b1b')
    .fontSize(8.5)
    .text(
      `These figures describe what reached the hotline about ${s.scope.name}: signals from people who called, wrote or chatted, and the trafficking cases identified from them. They do not show the full scope of trafficking; lack of awareness leads to underreporting, especially of labor trafficking and in some communities.`,
      PAGE.m,
      104,
      { width: inner },
    );

  const boxY = 146;
  const boxW = (inner - 24) / 3;
  const headline: Array<[string, number]> = [
    ['Victims Identified', s.victimsIdentified],
    ['Traffickers Identified', s.traffickersIdentified],
    ['Trafficking Businesses', s.traffickingBusinesses],
  ];
  headline.forEach(([label, n], i) => {
    const x = PAGE.m + i * (boxW + 12);
    doc.rect(x, boxY, boxW, 64).lineWidth(1).strokeColor(BLUE).stroke();
    doc
      .fillColor(BLUE)
      .font('Helvetica-Bold')
      .fontSize(26)
      .text(String(n), x, boxY + 8, { width: boxW, align: 'center', lineBreak: false });
    doc
      .fillColor('#1b1b1b')
      .font('Helvetica')
      .fontSize(10)
      .text(label, x, boxY + 42, { width: boxW, align: 'center', lineBreak: false });
  });

  const colW = (inner - 20) / 2;
  const leftX = PAGE.m;
  const rightX = PAGE.m + colW + 20;
  let y = heading(doc, 'Locations of Trafficking (1)', leftX, 226, colW);
  if (s.locations.withheld || s.locations.cells.length === 0) {
    doc
      .fillColor(GREY)
      .fontSize(9)
      .text(s.locations.withheld ? 'Too few to publish safely.' : 'No locations recorded.', leftX, y);
  } else {
    hbars(doc, leftX, y, colW, s.locations.cells.slice(0, 14), 15);
  }

  y = heading(doc, `${s.cases.total} Trafficking Cases`, rightX, 226, colW);
  hbars(
    doc,
    rightX,
    y,
    colW,
    [
      { label: TRAFFICKING_TYPE_LABELS.sex, value: s.cases.sex, display: `${s.cases.sex} cases` },
      { label: TRAFFICKING_TYPE_LABELS.labor, value: s.cases.labor, display: `${s.cases.labor} cases` },
      {
        label: TRAFFICKING_TYPE_LABELS.sex_and_labor,
        value: s.cases.sexAndLabor,
        display: `${s.cases.sexAndLabor} cases`,
      },
      {
        label: `${TRAFFICKING_TYPE_LABELS.not_specified} (2)`,
        value: s.cases.notSpecified,
        display: `${s.cases.notSpecified} cases`,
      },
    ],
    20,
  );

  y = heading(doc, 'Victims', rightX, 350, colW);
  const demo = [
    ...s.victimAge.cells.map((c) => ({
      ...c,
      label: c.key === 'not_reported' ? 'Age not reported' : c.label,
    })),
    ...s.victimGender.cells.map((c) => ({
      ...c,
      label: c.key === 'not_reported' ? 'Gender not reported' : c.label,
    })),
  ];
  hbars(
    doc,
    rightX,
    y,
    colW,
    demo.map((c) => ({ label: c.label, value: c.value, display: c.display })),
    15,
  );

  y = heading(doc, 'Communication to the Hotline', leftX, 480, inner);
  vbars(
    doc,
    leftX + 20,
    y,
    inner - 40,
    130,
    CHANNELS.map((c) => ({ label: CHANNEL_LABELS[c], value: s.signals[c], display: String(s.signals[c]) })),
  );

  doc.fillColor(GREY).font('Helvetica').fontSize(7.5);
  let fy = 650;
  s.footnotes.forEach((f, i) => {
    const text = i < 2 ? `(${i + 1}) ${f}` : f;
    doc.text(text, PAGE.m, fy, { width: inner });
    fy = doc.y + 2;
  });
  // Below the bottom margin on purpose: without this pdfkit would start a second page.
  doc.page.margins.bottom = 0;
  doc
    .fillColor(BLUE)
    .font('Helvetica-Bold')
    .fontSize(8)
    .text(`${s.hotline.toUpperCase()}  ·  as of ${longDate(s.asOf)}`, PAGE.m, PAGE.h - PAGE.m - 6, {
      width: inner,
      align: 'right',
      lineBreak: false,
    });
  doc.end();
  return done;
}
