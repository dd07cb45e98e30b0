/**
 * embed.js: one script tag under an article. Learns the server from its own `src`, then
 * defines <footnote-comments> and <footnote-count> (both LitElements).
 */
import { Api } from './api/client';
import { findServerBase } from './api/base';
import { FootnoteComments } from './comments/footnote-comments';
import { CountBatcher } from './count/batcher';
import { FootnoteCount } from './count/footnote-count';
import './i18n/all';

const api = new Api(findServerBase());
FootnoteComments.api = api;
FootnoteCount.batcher = new CountBatcher(api);

// Defining twice throws: a page that includes the tag twice must still work.
if (!customElements.get('footnote-comments')) customElements.define('footnote-comments', FootnoteComments);
if (!customElements.get('footnote-count')) customElements.define('footnote-count', FootnoteCount);
