import {
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from 'discord.js';
import { MAX_TOP_K } from '../../bot/grammar.js';
import { SECTORS } from '../../data/sectors.js';

/** Slash command names, as registered by `exitbot discord register`. */
export const EXIT_COMMAND = 'exit';
export const ASK_COMMAND = 'ask';

/** Discord allows at most 25 choices on an option; past that the sector becomes free text. */
const MAX_CHOICES = 25;

function exitCommand(): SlashCommandBuilder {
  const builder = new SlashCommandBuilder()
    .setName(EXIT_COMMAND)
    .setDescription('Recommend strategic partner companies from patent data')
    .setDescriptionLocalizations({ ko: '특허 데이터로 전략적 파트너 기업을 추천합니다' })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
  builder.addStringOption((option) =>
    option
      .setName('company')
      .setDescription('Business registration number (124-81-00998), KRX ticker or company name')
      .setDescriptionLocalizations({ ko: '사업자등록번호(124-81-00998), 종목코드 또는 회사명' })
      .setRequired(true)
      .setMaxLength(200),
  );
  builder.addStringOption((option) => {
    option
      .setName('sector')
      .setDescription('Preferred sector of the partners')
      .setDescriptionLocalizations({ ko: '선호하는 파트너 업종' });
    if (SECTORS.length <= MAX_CHOICES)
      option.addChoices(
        ...SECTORS.map((sector) => ({ name: `${sector.nameEn} · ${sector.nameKo}`, value: sector.code })),
      );
    return option;
  });
  builder.addIntegerOption((option) =>
    option
      .setName('top')
      .setDescription(`Number of partners, 1 to ${MAX_TOP_K}`)
      .setDescriptionLocalizations({ ko: `추천 기업 수 (1-${MAX_TOP_K})` })
      .setMinValue(1)
      .setMaxValue(MAX_TOP_K),
  );
  return builder;
}

function askCommand() {
  return new SlashCommandBuilder()
    .setName(ASK_COMMAND)
    .setDescription('Ask about the EXIT result in this thread, e.g. "details 2" or "compare 1 and 3"')
    .setDescriptionLocalizations({ ko: '이 스레드의 EXIT 결과에 대해 묻습니다 (예: "2번 자세히")' })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((option) =>
      option
        .setName('question')
        .setDescription('details 2 · patents of 2 · why #3 · compare 1 and 4 · more · exclude 2')
        .setRequired(true)
        .setMaxLength(500),
    );
}

/** Builds the command definitions sent to Discord's bulk-overwrite endpoint. */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [exitCommand().toJSON(), askCommand().toJSON()];
}

/** Quotes text for the command grammar, with a quote pair the text does not contain. */
function quoted(text: string): string {
  if (!text.includes('"')) return `"${text}"`;
  if (!text.includes('」')) return `「${text}」`;
  return text;
}

/**
 * Writes `/exit`'s options as one command line for the shared grammar. The company option is
 * passed as typed, so `company: 617-81-56000 bio top 5` works as it does on Slack; the sector and
 * top options are appended as explicit keywords.
 */
export function exitCommandText(company: string, sector: string | null, top: number | null): string {
  const parts = [company.trim()];
  if (sector) parts.push(`sector ${quoted(sector)}`);
  if (top !== null) parts.push(`top ${top}`);
  return parts.join(' ');
}
