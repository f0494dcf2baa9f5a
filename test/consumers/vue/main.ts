import { createApp } from 'vue';
import 'torchlet';
import App from './App.vue';

createApp(App).mount('#app');
