/** The report's only stylesheet, inlined so the file works offline and prints cleanly. */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; color: #222; margin: 0 auto; max-width: 1180px; padding: 24px 28px 64px; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.35rem; margin-top: 2.4rem; border-bottom: 2px solid #ddd; padding-bottom: 0.2rem; }
h3 { font-size: 1.12rem; margin-top: 1.8rem; }
h4 { font-size: 1rem; margin-top: 1.4rem; color: #333; }
nav ul { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; list-style: none; padding: 0; }
nav a { color: #0072B2; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1.2rem; }
dl.summary dt { font-weight: 700; }
dl.summary dd { margin: 0; }
table { border-collapse: collapse; margin: 0.6rem 0 1.2rem; font-size: 0.88rem; }
caption { text-align: left; font-weight: 700; padding-bottom: 0.3rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.55rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.flag, p.flag { background: #FBE3D6; font-weight: 700; }
td.pass { color: #006B4E; }
figure.plot { margin: 1rem 0 1.6rem; }
figure.plot svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 0.85rem; color: #555; margin-top: 0.3rem; }
section.subject { border-top: 1px solid #e4e4e4; margin-top: 1.6rem; }
.muted { color: #666; }
pre { background: #f6f6f6; border: 1px solid #ddd; padding: 0.8rem; overflow-x: auto; font-size: 0.8rem; }
@media print { figure.plot { break-inside: avoid; } }
`;
