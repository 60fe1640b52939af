export { EmotionAnalyzer } from './emotion-analyzer';
