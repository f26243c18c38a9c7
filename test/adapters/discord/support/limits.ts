import type { APIEmbed } from 'discord.js';
import { expect } from 'vitest';

interface MessageBody {
  embeds?: APIEmbed[];
  components?: { components: object[] }[];
}

/** Characters Discord counts towards a message's 6,000, computed here independently of the adapter. */
function countedCharacters(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (
    (embed.title ?? '').length +
    (embed.description ?? '').length +
    fields +
    (embed.footer?.text ?? '').length +
    (embed.author?.name ?? '').length
  );
}

/** Checks one message body against Discord's embed and component limits, one assertion per limit. */
export function expectWithinLimits(body: MessageBody): void {
  const embeds = body.embeds ?? [];
  expect(embeds.length).toBeGreaterThan(0);
  expect(embeds.length).toBeLessThanOrEqual(10);
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(256);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(1024);
    }
  }
  expect(embeds.reduce((sum, embed) => sum + countedCharacters(embed), 0)).toBeLessThanOrEqual(6000);
  const rows = body.components ?? [];
  expect(rows.length).toBeLessThanOrEqual(5);
  for (const row of rows) {
    expect(row.components.length).toBeLessThanOrEqual(5);
    for (const button of row.components as { custom_id?: string; label?: string }[]) {
      expect(button.custom_id?.length ?? 0).toBeLessThanOrEqual(100);
      expect(button.label?.length ?? 0).toBeLessThanOrEqual(80);
    }
  }
}
