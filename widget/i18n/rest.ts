// The rest of every shipped catalogue (all but the footer's words), by language:
// scripts/build.mjs writes each to dist/widget/i18n/{lang}.json, which the server sends at
// /i18n/{lang}.json. Never imported by embed.js.
import { deRest } from './de';
import { enRest } from './en';
import { esRest } from './es';
import { frRest } from './fr';
import { ruRest } from './ru';

export const rest = { en: enRest, de: deRest, es: esRest, fr: frRest, ru: ruRest };
