import { mount } from 'svelte';
import 'torchlet';
import App from './App.svelte';

mount(App, { target: document.querySelector('#app')! });
