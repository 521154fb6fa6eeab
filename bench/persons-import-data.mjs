// Writes a deterministic CSV of N persons supported, as an organisation would export them from its
// spreadsheet (French headers, ';', dates dd/mm/yyyy), each admitted into one of the establishments
// given (FINESS numbers). Surnames are built from syllables (many distinct ones, as in real files);
// first names, sexes, birth dates and kinds of care follow simple distributions. No two lines are the
// same person (the same name, first name and birth date), but homonyms born the same day exist.
// Usage: node bench/persons-import-data.mjs N FINESS[,FINESS…] > persons.csv
const [count, finessList] = [Number(process.argv[2] ?? 150000), (process.argv[3] ?? '').split(',').filter(Boolean)];
if (!finessList.length) throw new Error('usage: persons-import-data.mjs N FINESS[,FINESS…]');
// mulberry32: 32-bit integer arithmetic only (a float LCG loses bits and cycles early).
let seed = 20261206;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const starts = ['ber', 'mar', 'dur', 'lef', 'mor', 'rou', 'gar', 'fou', 'ben', 'cha', 'dub', 'gir', 'lam', 'per', 'leg',
  'bou', 'fon', 'mer', 'mic', 'nic', 'bla', 'bru', 'cla', 'dan', 'fab', 'gau', 'hen', 'jol', 'lau', 'pic'];
const middles = ['a', 'e', 'i', 'o', 'ou', 'au', 'an', 'in', 'on', 'er', 'el', 'ar', 'il', 'ol', 'ur'];
const ends = ['rd', 'nd', 'ier', 'et', 'ot', 'ault', 'eau', 'in', 'ard', 'and', 'as', 'ez', 'y', 'e', 'ard', 'ois'];
const women = ['Marie', 'Léa', 'Emma', 'Chloé', 'Inès', 'Camille', 'Sarah', 'Manon', 'Jeanne', 'Louise', 'Zoé', 'Alice',
  'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Françoise', 'Monique', 'Aïcha', 'Fatou', 'Yasmine', 'Élodie'];
const men = ['Jean', 'Lucas', 'Hugo', 'Louis', 'Nathan', 'Gabriel', 'Arthur', 'Jules', 'Adam', 'Paul', 'Théo', 'Karim',
  'Philippe', 'Michel', 'Alain', 'Patrick', 'Éric', 'Mohamed', 'Mamadou', 'François', 'Pierre', 'Noé'];
const modes = ['Semi-internat', 'Hébergement complet / internat', 'Externat', '16', '13', '11'];
const origins = ['Domicile', 'Famille', 'Établissement', 'Hôpital', 'École', 'ASE', 'Autre'];
const two = (n) => String(n).padStart(2, '0');
const seen = new Set();
const out = ['Nom de naissance;Prénoms;Sexe;Date de naissance;Établissement;Date d\'admission;Mode d\'accueil;Provenance'];
while (out.length <= count) {
  const syllables = 1 + Math.floor(random() * 3);
  let name = pick(starts);
  for (let i = 1; i < syllables; i++) name += pick(middles) + pick(starts);
  name = name + pick(ends);
  name = name[0].toUpperCase() + name.slice(1);
  const woman = random() < 0.5;
  const first = pick(woman ? women : men) + (random() < 0.3 ? ' ' + pick(woman ? women : men) : '');
  const age = 3 + Math.floor(random() * 85);
  const birth = `${two(1 + Math.floor(random() * 28))}/${two(1 + Math.floor(random() * 12))}/${2026 - age}`;
  const key = `${name}|${first}|${birth}`;
  if (seen.has(key)) continue;
  seen.add(key);
  const from = Math.max(2016, 2026 - age + 1);
  const admission = `${from + Math.floor(random() * (2026 - from))}-${two(1 + Math.floor(random() * 12))}-${two(1 + Math.floor(random() * 28))}`;
  out.push([name, first, woman ? 'F' : 'M', birth, pick(finessList), admission, pick(modes), pick(origins)].join(';'));
}
process.stdout.write('\ufeff' + out.join('\r\n') + '\r\n');
