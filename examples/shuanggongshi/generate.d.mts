// Types of generate.mjs for the tests that import it.
export function mulberry32(seed: number): () => number;
export function uscc(first17: string): string;
export function idCard(first17: string): string;
export const AS_OF: string;
export interface ScriptedSubject {
  n: number;
  name: string;
  person?: string;
  regno?: string;
  rows: unknown[];
  list?: string[];
}
export const SCRIPTED: ScriptedSubject[];
export function scriptedId(s: { n: number; person?: string }): string;
export function sampleData(seed?: number, bulk?: number): unknown;
export function writeSamples(dir?: string, seed?: number): Promise<{ rows2018: number; rows2016: number; lists: number; repairs: number }>;
export function writeBulk(path: string, n: number, seed?: number): Promise<void>;
