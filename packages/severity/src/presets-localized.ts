/*
 * Level names in French, German, Spanish, Italian, Portuguese, Japanese and Chinese (simplified
 * and traditional): the words localized Windows
 * Event Viewer and java.util.logging print, and the ones people write in bodies. Each word takes
 * the number its English counterpart has in the spec presets (Appendix B: Verbose 5, Information
 * 9, Notice 10, Warning 13, Error / SEVERE 17, Critical 18, Alert 19, Emergency 21; JUL CONFIG 7).
 * The table also accepts each word without its accents ("debogage", "critico").
 */
import type { SeverityPreset } from './presets.ts';

export const localized = {
  description: 'level names in French, German, Spanish, Italian, Portuguese, Japanese and Chinese',
  names: {
    // French
    'débogage': 5,
    information: 9, informations: 9, infos: 9,
    avertissement: 13, attention: 13,
    erreur: 17, grave: 17,
    critique: 18,
    alerte: 19,
    urgence: 21, fatale: 21,
    // German
    ablaufverfolgung: 1,
    'ausführlich': 5, ausfuehrlich: 5, fehlersuche: 5,
    konfiguration: 7,
    informationen: 9,
    hinweis: 10,
    warnung: 13,
    fehler: 17, schwerwiegend: 17,
    kritisch: 18,
    alarm: 19,
    notfall: 21,
    // Spanish
    traza: 1, seguimiento: 1,
    'depuración': 5, detallado: 5,
    'información': 9,
    advertencia: 13, aviso: 13,
    error: 17,
    'crítico': 18,
    alerta: 19,
    emergencia: 21, fatal: 21,
    // Italian
    dettagliato: 5,
    informazione: 9, informazioni: 9,
    avviso: 13, avvertenza: 13, attenzione: 13,
    errore: 17,
    critico: 18,
    allarme: 19,
    emergenza: 21,
    // Portuguese
    'depuração': 5, detalhado: 5,
    'informação': 9, 'informações': 9,
    'advertência': 13,
    erro: 17,
    'emergência': 21,
    // Japanese (Windows Event Viewer: 詳細 Verbose, 情報, 警告, エラー, 重大 Critical)
    'トレース': 1,
    'デバッグ': 5, '詳細': 5,
    '情報': 9, '通知': 10,
    '警告': 13,
    'エラー': 17,
    '重大': 18, '深刻': 18,
    '致命的': 21, '緊急': 21,
    // Chinese, simplified and traditional (Windows: 详细/詳細 Verbose, 信息/資訊, 警告, 错误/錯誤, 关键/重大 Critical)
    '跟踪': 1, '追蹤': 1,
    '调试': 5, '偵錯': 5, '除錯': 5, '详细': 5,
    '信息': 9, '资讯': 9, '資訊': 9, '提示': 9,
    '注意': 10,
    '错误': 17, '錯誤': 17,
    '严重': 18, '嚴重': 18, '关键': 18,
    '致命': 21, '紧急': 21,
  },
} satisfies SeverityPreset;
