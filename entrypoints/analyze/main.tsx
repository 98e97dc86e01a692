import { AnalyzeApp } from '@/components/analyze/AnalyzeApp';
import { mount } from '@/components/shared/mount';

mount(<AnalyzeApp />);
