import type { MessageSchema } from "./en";

/** Dutch texts of bulk import and export; the same keys as imports.en.ts. */
const imports: MessageSchema["imports"] = {
  title: "Importeren",
  intro:
    "Laad klanten of historische bestellingen uit een CSV-bestand. Eerst wordt alles gecontroleerd zonder iets te schrijven: herstel de gemelde rijen of importeer de geldige.",
  type: {
    CUSTOMERS: "Klanten",
    ORDERS: "Bestellingen",
  },
  status: {
    AWAITING_FILE: "Wacht op bestand",
    STAGING: "Bestand lezen",
    VALIDATED: "Gecontroleerd",
    RUNNING: "Bezig met importeren",
    DONE: "Klaar",
    FAILED: "Mislukt",
    CANCELLED: "Geannuleerd",
  },
  form: {
    title: "Nieuwe import",
    type: "Wat het bestand bevat",
    file: "CSV-bestand",
    awardPoints:
      "Loyaliteitspunten toekennen voor deze bestellingen (uit: historische bestellingen leveren niets op)",
    emitCustomerCreated: "Een customer.created-webhook sturen voor elke nieuwe klant",
    validate: "Controleren (proefrun)",
    uploadFailed: "Het bestand kon niet worden gecontroleerd",
    columns: "Kolommen (* verplicht; bij bestellingen één rij per orderregel)",
  },
  staging: "Het bestand wordt gelezen en gecontroleerd…",
  summary: {
    rows: "Rijen",
    ready: "Klaar om te importeren",
    problems: "Rijen met problemen",
    existing: "Al aanwezig (overgeslagen)",
    inserted: "Geïmporteerd",
  },
  progress: "{processed} van {ready} verwerkt",
  failed: "De import is gestopt",
  actionFailed: "Dat lukte niet",
  actions: {
    start: "{n} rijen importeren",
    resume: "Hervatten",
    cancel: "Import annuleren",
    downloadReport: "Rapport downloaden (CSV)",
    new: "Nieuwe import",
  },
  report: {
    title: "Problemen",
    row: "Rij",
    column: "Kolom",
    reason: "Probleem",
    empty: "Geen problemen: elke rij is geldig.",
    loadFailed: "Het rapport kon niet worden geladen.",
    count: "Geen problemen | 1 probleem | {n} problemen",
  },
  recent: {
    title: "Recente imports",
    empty: "Nog geen imports.",
    file: "Bestand",
    type: "Soort",
    status: "Status",
    rows: "Rijen",
    counts: "{inserted} van {ready} geïmporteerd",
    created: "Gestart",
  },
  confirmStart: {
    title: "Import starten?",
    body: "{n} rijen worden op de achtergrond geschreven ({existing} die al bestaan worden overgeslagen). Rijen met problemen blijven buiten beschouwing.",
    confirm: "Importeren",
  },
  confirmCancel: {
    title: "Import annuleren?",
    body: "Hij stopt na de lopende batch. Wat al is geïmporteerd blijft staan; je kunt later hervatten.",
    confirm: "Import annuleren",
    keep: "Doorgaan met importeren",
  },
  export: {
    csv: "CSV exporteren",
    customers: "Alle klanten exporteren als CSV",
    members: "Leden exporteren als CSV",
    ledger: "Grootboek exporteren als CSV",
    responses: "Antwoorden exporteren als CSV",
  },
};

export default imports;
