/** Word lists and the product catalog the demo data is drawn from. */

export const DUTCH_FIRST_NAMES = [
  "Jan",
  "Pieter",
  "Sanne",
  "Lotte",
  "Daan",
  "Sem",
  "Emma",
  "Julia",
  "Fleur",
  "Bram",
  "Thijs",
  "Anouk",
  "Femke",
  "Joris",
  "Maarten",
  "Eva",
  "Noor",
  "Lieke",
  "Ruben",
  "Koen",
  "Sophie",
  "Tess",
  "Lars",
  "Milan",
  "Iris",
  "Floor",
  "Wouter",
  "Sven",
  "Marieke",
  "Hanneke",
  "Roos",
  "Jeroen",
  "Bas",
  "Niels",
  "Anke",
  "Ingrid",
  "Mirjam",
  "Gerrit",
  "Hendrik",
  "Willem",
  "Renée",
  "Jesús",
  "Zoë",
  "Chloé",
] as const;

export const DUTCH_LAST_NAMES = [
  "de Jong",
  "Jansen",
  "de Vries",
  "van den Berg",
  "van Dijk",
  "Bakker",
  "Janssen",
  "Visser",
  "Smit",
  "Meijer",
  "de Boer",
  "Mulder",
  "de Groot",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "van Leeuwen",
  "Dekker",
  "Brouwer",
  "de Wit",
  "Dijkstra",
  "Smits",
  "de Graaf",
  "van der Meer",
  "van der Linden",
  "Kok",
  "Jacobs",
  "de Haan",
  "Vermeulen",
  "van den Heuvel",
  "van der Veen",
  "van den Broek",
  "de Bruijn",
  "van der Heijden",
  "Schouten",
  "van Beek",
  "Willems",
  "van Vliet",
  "Hoekstra",
  "Maas",
  "Verhoeven",
  "Koster",
  "van Dam",
  "Prins",
  "Blom",
  "Huisman",
  "Kuijpers",
  "Çelik",
  "El Amrani",
] as const;

export const ENGLISH_FIRST_NAMES = [
  "Oliver",
  "George",
  "Harry",
  "Jack",
  "Charlie",
  "Thomas",
  "James",
  "William",
  "Amelia",
  "Olivia",
  "Isla",
  "Ava",
  "Emily",
  "Sophia",
  "Grace",
  "Mia",
  "Poppy",
  "Ella",
  "Lily",
  "Jessica",
  "Daniel",
  "Samuel",
  "Joseph",
  "Hannah",
  "Chloe",
  "Lucy",
  "Ethan",
  "Noah",
  "Leo",
  "Oscar",
  "Alfie",
  "Freddie",
  "Ruby",
  "Evie",
  "Matilda",
  "Rosie",
  "Henry",
  "Arthur",
  "Florence",
  "Alice",
] as const;

export const ENGLISH_LAST_NAMES = [
  "Smith",
  "Jones",
  "Williams",
  "Taylor",
  "Brown",
  "Davies",
  "Evans",
  "Wilson",
  "Thomas",
  "Johnson",
  "Roberts",
  "Robinson",
  "Thompson",
  "Wright",
  "Walker",
  "White",
  "Edwards",
  "Hughes",
  "Green",
  "Hall",
  "Lewis",
  "Harris",
  "Clarke",
  "Patel",
  "Jackson",
  "Wood",
  "Turner",
  "Martin",
  "Cooper",
  "Hill",
  "Ward",
  "Morris",
  "Moore",
  "Clark",
  "Lee",
  "King",
  "Baker",
  "Harrison",
  "Morgan",
  "O'Brien",
] as const;

/** Reserved example domains (RFC 2606), so demo data never mails a real inbox. */
export const EMAIL_DOMAINS = ["example.com", "example.net", "example.org"] as const;

export const DUTCH_STORES = [
  "Amsterdam",
  "Utrecht",
  "Rotterdam",
  "Den Haag",
  "Eindhoven",
  "Groningen",
  "Online",
] as const;
export const ENGLISH_STORES = ["London", "Manchester", "Bristol", "Online"] as const;

/** Fictional competitors for looking-to-switch customers. */
export const COMPETITORS = [
  "StapVoort",
  "RunRight",
  "Sole Society",
  "Kicks & Co",
  "FitFirst",
] as const;

export const CATEGORIES = [
  "shoes",
  "running",
  "outdoor",
  "apparel",
  "accessories",
  "kids",
  "socks",
  "shoe_care",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Typical shelf price per category, in euro cents. */
const BASE_PRICE: Record<Category, number> = {
  shoes: 8999,
  running: 12999,
  outdoor: 14999,
  apparel: 3999,
  accessories: 2499,
  kids: 4999,
  socks: 1299,
  shoe_care: 999,
};

export const PRODUCTS_PER_CATEGORY = 40;

/** A fixed catalog: the price of product n of a category is a pure function of both, ending in 99. */
export function productPrice(category: Category, n: number): number {
  const factor = 0.6 + ((n * 37) % 80) / 100;
  return Math.max(1, Math.round((BASE_PRICE[category] * factor) / 100)) * 100 - 1;
}

export function productId(category: Category, n: number): string {
  return `${category}-${String(n).padStart(3, "0")}`;
}

export const PAGE_TYPES_BROWSING = [
  "home",
  "category",
  "search",
  "blog",
  "store_locator",
  "size_guide",
  "cart",
] as const;
export const PAGE_TYPES_RESEARCH = ["comparison", "docs", "case_study"] as const;

export const PLANS = { basic: 2900, plus: 5900, premium: 9900 } as const;
export type Plan = keyof typeof PLANS;
export const LIFETIME_PRICE = 29900;

export const REFUND_REASONS = [
  "damaged",
  "wrong_size",
  "not_as_described",
  "late_delivery",
  "changed_mind",
] as const;

export const SUPPORT_SUBJECTS = {
  presales_question: [
    "Which size should I order?",
    "Is this shoe waterproof?",
    "Do you ship to Belgium?",
    "What is the difference between these two models?",
    "Can I return shoes I have worn outside?",
    "Is there a wide fit version?",
    "When is this model back in stock?",
  ],
  complaint: [
    "Order arrived damaged",
    "Wrong size delivered",
    "Refund still not received",
    "Sole came loose after two weeks",
    "Delivery was two weeks late",
    "Unfriendly service in store",
    "Charged twice for one order",
  ],
  other: [
    "Change my delivery address",
    "Update my email address",
    "Question about my club card",
    "Invoice request for my company",
    "Unsubscribe from text messages",
  ],
} as const;

export const SUPPORT_NOTES = [
  "Customer gave the order number and wants a clear timeline.",
  "Customer was upset; acknowledged and acted at once.",
  "Friendly chat; mentioned training for a marathon.",
  "Quiet caller; checked twice that everything was clear.",
  "Asked to be called back in the evening.",
  "Prefers contact by email.",
] as const;

export const SUPPORT_RESOLUTIONS = {
  presales_question: [
    "Answered; sent the size guide.",
    "Answered; customer will visit a store.",
    "Answered by email.",
  ],
  complaint: [
    "Replacement sent.",
    "Refund issued.",
    "Apologised and gave a 15% voucher.",
    "Repaired free of charge.",
  ],
  other: ["Details updated.", "Invoice sent.", "Done as requested."],
} as const;
