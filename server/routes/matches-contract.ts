import type { z } from 'zod';
import type {
  BanRequest,
  BulkDecision,
  Decision,
  EditRequest,
  NewCommentRequest,
  ReportRequest,
  ThreadSettings,
  UserSettings,
  ViewRequest,
  WordsRequest,
} from '../../contract';
import type { BanBody, BulkBody, CommentPatchBody, ThreadPatchBody, UserPatchBody, WordsBody } from './admin/schemas';
import type { EditBody, NewCommentBody, ReportBody, ViewBody } from './api/schemas';

/**
 * Proof, for the type-checker only (nothing imports or runs this file), that each request body
 * the routes validate is exactly the contract's shape for it: a field added, dropped or
 * retyped on one side alone fails `npm run typecheck`, so the widget and the admin page can
 * never send what the server refuses by shape. (Query strings are text and stay with the routes.)
 */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

// One line per body, so a failure ("'true' is not assignable to 'false'") names the pair.
export const view: Same<z.input<typeof ViewBody>, ViewRequest> = true;
export const newComment: Same<z.input<typeof NewCommentBody>, NewCommentRequest> = true;
export const edit: Same<z.input<typeof EditBody>, EditRequest> = true;
export const report: Same<z.input<typeof ReportBody>, ReportRequest> = true;
export const commentPatch: Same<z.input<typeof CommentPatchBody>, Decision> = true;
export const bulk: Same<z.input<typeof BulkBody>, BulkDecision> = true;
export const threadPatch: Same<z.input<typeof ThreadPatchBody>, ThreadSettings> = true;
export const words: Same<z.input<typeof WordsBody>, WordsRequest> = true;
export const ban: Same<z.input<typeof BanBody>, BanRequest> = true;
export const userPatch: Same<z.input<typeof UserPatchBody>, UserSettings> = true;

// `Same` tells shapes apart even where plain assignability would not (an extra optional field).
// @ts-expect-error an optional field on one side only
export const differentShapesDiffer: Same<{ a?: string }, { a?: string; b?: string }> = true;
