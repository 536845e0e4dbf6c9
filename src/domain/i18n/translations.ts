import { de } from './de.js';
import { en } from './en.js';
import { fr } from './fr.js';
import { nl } from './nl.js';
import type { Language, Translation } from './translation.js';

/** One complete translation per language: a language or a text missing anywhere does not compile. */
const TRANSLATIONS: { readonly [language in Language]: Translation } = { nl, en, de, fr };

export const translationFor = (language: Language): Translation => TRANSLATIONS[language];
