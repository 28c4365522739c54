import type privacyEn from "./privacy.en";

/** Dutch texts of the audit log and the customer privacy actions; same keys as privacy.en.ts. */
const privacy: typeof privacyEn = {
  audit: {
    title: "Auditlog",
    intro:
      "Elke wijziging aan programma's, segmenten, enquêtes, saldi, gebruikers, API-sleutels, webhooks en verzoeken over klantgegevens: wie, wanneer en wat er veranderde.",
    adminsOnly: "Alleen beheerders kunnen het auditlog lezen.",
    loadFailed: "Het auditlog kon niet worden geladen.",
    empty: "Geen regels die aan deze filters voldoen.",
    filters: {
      label: "Auditlog filteren",
      actor: "Wie (e-mail, sleutelnaam of id)",
      entityType: "Soort",
      action: "Actie",
      period: "Periode",
      clear: "Filters wissen",
    },
    columns: {
      at: "Wanneer",
      actor: "Wie",
      entity: "Wat",
      action: "Actie",
      changes: "Wijzigingen",
    },
    actorKinds: {
      USER: "Gebruiker",
      API_KEY: "API-sleutel",
      SYSTEM: "Systeem",
    },
    entityTypes: {
      LOYALTY_PROGRAM: "Loyaliteitsprogramma",
      REWARD: "Beloning",
      CAMPAIGN: "Campagne",
      SEGMENT: "Segment",
      SURVEY: "Enquête",
      LOYALTY_ACCOUNT: "Loyaliteitsrekening",
      REDEMPTION: "Inwisseling",
      ADMIN_USER: "Beheerder",
      API_KEY: "API-sleutel",
      WEBHOOK_ENDPOINT: "Webhook-endpoint",
      CUSTOMER: "Klant",
    },
    changedFields: "Geen velden | 1 veld | {n} velden",
    show: "Details",
    showLabel: "Toon de details van {action} op {entity}",
    drawer: {
      title: "{entity}: {action}",
      entityId: "Id",
      requestId: "Verzoek",
      field: "Veld",
      before: "Voor",
      after: "Na",
      noChanges: "Deze regel bevat geen veldwaarden.",
      unset: "(leeg)",
    },
  },
  customerPrivacy: {
    title: "Privacy",
    intro: "Geef de klant een kopie van de gegevens, of wis ze op verzoek (AVG).",
    export: "Gegevens exporteren",
    exportFailed: "De gegevens konden niet worden geëxporteerd: {error}",
    exported: "{file} gedownload.",
    erase: "Persoonsgegevens wissen",
    erased:
      "De persoonsgegevens van deze klant zijn gewist op {date}. Het record neemt geen wijzigingen meer aan.",
    eraseFailed: "De klant kon niet worden gewist: {error}",
    confirm: {
      title: "Persoonsgegevens van deze klant wissen?",
      body: "Naam, contactgegevens, verjaardag, kenmerken, labels, vrije tekst, eventdetails, uitnodigingen en webhook-inhoud worden definitief verwijderd. Bestellingen, punten en cijfers blijven, zonder de persoon. Dit kan niet ongedaan worden gemaakt.",
      reason: "Reden (bijv. het kenmerk van het verzoek)",
      typeToConfirm: "Typ {word} om te bevestigen",
      submit: "Definitief wissen",
    },
  },
  consent: {
    title: "Toestemming",
    purposes: {
      MARKETING_EMAIL: "Marketing per e-mail",
      MARKETING_SMS: "Marketing per sms",
      PROFILING: "Profilering en analyse",
    },
    granted: "Gegeven",
    withdrawn: "Niet gegeven",
    since: "sinds {date}",
    via: "via {source}",
    history: "Geschiedenis",
    noHistory: "Nog geen toestemming vastgelegd.",
    sources: {
      WEB_FORM: "webformulier",
      PREFERENCE_CENTER: "voorkeurencentrum",
      CHECKOUT: "afrekenen",
      EMAIL_LINK: "e-maillink",
      SUPPORT: "klantenservice",
      ADMIN: "beheer",
      API: "API",
      IMPORT: "import",
      ERASURE: "wissing",
    },
  },
};

export default privacy;
